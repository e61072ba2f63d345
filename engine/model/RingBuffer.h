#pragma once
// A growable FIFO ring over one contiguous array. Unlike std::deque it never allocates in steady
// state: it grows (doubling) only when it is fuller than ever before, so memory follows the peak
// backlog and the hot path allocates nothing.
#include <cassert>
#include <cstddef>
#include <vector>

namespace es {

template <typename T>
class RingBuffer {
public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return data_.size(); }

    void push_back(const T& v)
    {
        if (size_ == data_.size()) grow();
        data_[(head_ + size_) & (data_.size() - 1)] = v;
        ++size_;
    }
    T& front() { assert(size_); return data_[head_]; }
    const T& front() const { assert(size_); return data_[head_]; }
    void pop_front()
    {
        assert(size_);
        head_ = (head_ + 1) & (data_.size() - 1);
        --size_;
    }
    // i-th element from the front.
    T& operator[](std::size_t i) { return data_[(head_ + i) & (data_.size() - 1)]; }
    const T& operator[](std::size_t i) const { return data_[(head_ + i) & (data_.size() - 1)]; }
    void clear() { head_ = size_ = 0; }

private:
    void grow()
    {
        std::vector<T> bigger(data_.empty() ? 16 : data_.size() * 2);
        for (std::size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
        data_.swap(bigger);
        head_ = 0;
    }
    std::vector<T> data_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace es
