#pragma once
// Rows recorded while a run goes on (its event trace, its journeys), written to the store in
// batches, one transaction each: `write(firstSeq, rows)` gets seq = firstSeq, firstSeq + 1, ... A
// store error cannot travel through the engine that produces the rows, so the first one is kept,
// recording stops, and flush() rethrows it.
#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

namespace es {

template <class Row>
class BatchedRows {
public:
    using Write = std::function<void(std::uint64_t firstSeq, const std::vector<Row>& rows)>;

    BatchedRows(std::size_t batchRows, Write write) : batchRows_(batchRows == 0 ? 1 : batchRows), write_(std::move(write))
    {
        buffer_.reserve(batchRows_);
    }

    void add(const Row& row)
    {
        if (error_) return;
        buffer_.push_back(row);
        if (buffer_.size() >= batchRows_) writeBatch();
    }
    // Writes the rows still buffered; throws the first store error met while recording.
    void flush()
    {
        if (!error_ && !buffer_.empty()) writeBatch();
        if (error_) std::rethrow_exception(error_);
    }
    std::uint64_t rows() const { return seq_ + buffer_.size(); }

private:
    void writeBatch()
    {
        try {
            write_(seq_, buffer_);
            seq_ += buffer_.size();
        } catch (...) {
            error_ = std::current_exception();
        }
        buffer_.clear();
    }

    std::size_t batchRows_;
    Write write_;
    std::vector<Row> buffer_;
    std::uint64_t seq_ = 0; // rows already written
    std::exception_ptr error_;
};

} // namespace es
