#pragma once
// One piece of work at a time on a worker thread, for the window's replays (a message's journey, a
// run saved to the store): start() stops and joins the previous one, the work gets a stop flag to
// poll, and `done` runs on the GUI thread afterwards unless the work was stopped. The owner's
// destruction stops and joins the worker, so `done`, queued to `context`, never runs on a dead
// object (Qt drops an event whose context is gone).
#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

namespace esui {

class BackgroundTask {
public:
    BackgroundTask() = default;
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;
    ~BackgroundTask() { stop(); }

    void start(QObject* context, std::function<void(const std::atomic<bool>& stop)> work, std::function<void()> done)
    {
        stop();
        stop_ = std::make_shared<std::atomic<bool>>(false);
        running_ = true;
        const std::uint64_t generation = generation_;
        worker_ = std::thread([this, context, generation, work = std::move(work), done = std::move(done), stop = stop_]() mutable {
            work(*stop);
            if (stop->load()) return;
            QMetaObject::invokeMethod(context, [this, generation, done = std::move(done)] {
                if (generation != generation_) return; // queued before a stop(): another task runs now
                if (worker_.joinable()) worker_.join();
                running_ = false;
                done();
            }, Qt::QueuedConnection);
        });
    }
    // Asks the work to stop and waits for it; its `done` will not run.
    void stop()
    {
        ++generation_;
        if (stop_) stop_->store(true);
        if (worker_.joinable()) worker_.join();
        running_ = false;
    }
    bool running() const { return running_; }

private:
    std::shared_ptr<std::atomic<bool>> stop_;
    std::thread worker_;
    bool running_ = false;          // GUI thread only
    std::uint64_t generation_ = 0;  // GUI thread only: which task a queued `done` belongs to
};

} // namespace esui
