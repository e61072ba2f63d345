#pragma once
// A growable array of pooled slots in fixed chunks of 2^kShift elements: growing never moves or copies
// what is there. A std::vector doubles by moving everything into an array twice the size, so with
// 10^7 messages in one queue the event store and the queue briefly held both arrays (about 1 GB of
// peak RSS on top of the 1.7 GB the messages need) and paid the copy at every doubling. A chunk's
// memory is reserved, not touched, until its slots are used, so a model of 1,000 small queues does
// not pay a chunk each in resident memory. Elements must be trivially destructible (pool records).
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace es {

template <typename T, unsigned kShift = 12>
class ChunkedVector {
    static_assert(std::is_trivially_destructible_v<T>);
    static constexpr std::size_t kChunk = std::size_t{1} << kShift, kMask = kChunk - 1;

public:
    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector&) = delete;
    ChunkedVector& operator=(const ChunkedVector&) = delete;
    ~ChunkedVector()
    {
        for (T* c : chunks_) std::allocator<T>().deallocate(c, kChunk);
    }

    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return chunks_[i >> kShift][i & kMask]; }
    const T& operator[](std::size_t i) const { return chunks_[i >> kShift][i & kMask]; }

    // Appends a value-initialised element and returns it.
    T& emplace_back()
    {
        if ((size_ >> kShift) == chunks_.size()) chunks_.push_back(std::allocator<T>().allocate(kChunk));
        T* p = ::new (static_cast<void*>(&chunks_[size_ >> kShift][size_ & kMask])) T{};
        ++size_;
        return *p;
    }

private:
    std::vector<T*> chunks_;
    std::size_t size_ = 0;
};

} // namespace es
