// parallelBlocks(): every index is handed out exactly once in blocks of the given size (the last one
// short), whatever the number of blocks against the pool's threads; progress reaches 1, never goes
// back, and is reported only on the calling thread; a stop ends the claiming and comes back as
// Cancelled.
#include "core/features/parallel_blocks.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

class FeaturesParallelBlocksTest : public QObject {
    Q_OBJECT
private slots:
    void everyIndexOnce_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("block");
        QTest::newRow("many blocks, last short") << 1003 << 16;
        QTest::newRow("fewer blocks than threads") << 5 << 4;
        QTest::newRow("one index") << 1 << 128;
        QTest::newRow("block size 0 taken as 1") << 37 << 0;
        QTest::newRow("nothing") << 0 << 8;
    }
    void everyIndexOnce() {
        QFETCH(int, n);
        QFETCH(int, block);
        std::vector<std::atomic<int>> hits(static_cast<std::size_t>(n));
        std::mutex m;
        std::vector<std::pair<int, int>> ranges;
        std::vector<double> progress;
        std::atomic<bool> foreignProgress{false};
        const auto caller = std::this_thread::get_id();
        const ds::RunControl rc(std::stop_token{}, [&](double f, std::string_view) {
            if (std::this_thread::get_id() != caller)
                foreignProgress = true;
            progress.push_back(f);
        });
        ds::parallelBlocks(n, block, rc, "test", [&](int begin, int end) {
            for (int i = begin; i < end; ++i)
                ++hits[static_cast<std::size_t>(i)];
            std::lock_guard lock(m);
            ranges.emplace_back(begin, end);
        });
        for (const auto& h : hits)
            QCOMPARE(h.load(), 1);
        const int size = std::max(1, block);
        for (const auto& [begin, end] : ranges) {
            QCOMPARE(begin % size, 0);
            QCOMPARE(end, std::min(n, begin + size));
        }
        QVERIFY(!foreignProgress);
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        if (n > 0)
            QCOMPARE(progress.back(), 1.0);
        else
            QVERIFY(ranges.empty());
    }

    void stopEndsTheClaiming() {
        std::stop_source stop;
        const ds::RunControl rc(stop.get_token());
        std::atomic<int> blocks{0};
        bool cancelled = false;
        try {
            ds::parallelBlocks(10000, 1, rc, "test", [&](int, int) {
                if (++blocks == 10)
                    stop.request_stop();
            });
        } catch (const ds::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        // Each thread finishes the block it holds, then claims no more.
        QVERIFY2(blocks < 10 + 64, qPrintable(QString::number(blocks.load())));
        bool ranAfterStop = false;
        try {
            ds::parallelBlocks(10, 1, rc, "test", [&](int, int) { ranAfterStop = true; });
        } catch (const ds::Cancelled&) {
        }
        QVERIFY(!ranAfterStop);
    }
};

QTEST_APPLESS_MAIN(FeaturesParallelBlocksTest)
#include "features_parallel_blocks_test.moc"
