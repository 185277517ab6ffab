// Non-UTF-8 file names through the JSON outputs of `lattice --json` and `evaluate --json` (issue 17,
// case 4): both once ended in "internal error" because nlohmann refuses to dump invalid UTF-8. The
// documented rule (README, "Hostile input") is that each invalid byte becomes U+FFFD; the output must
// parse as JSON and the command must exit 0. The CLI is started with the raw bytes (posix_spawn, not
// QProcess, whose QString arguments cannot carry invalid UTF-8).
#include "core/common/utf8_text.h"
#include "core/io/write_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/synth/synthetic_graphene.h"
#include "support/test_data.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct RawRun {
    int code = -1; // -1: crashed or did not finish within the limit
    std::string out, err;
};

// Runs defectscope-cli with `args` as raw bytes; stdout and stderr go through files in `dir`.
RawRun runCliRaw(const std::vector<std::string>& args, const std::string& dir, int seconds = 300) {
    const std::string cli = ds::test::cliPath().toStdString();
    std::vector<char*> argv{const_cast<char*>(cli.c_str())};
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string out = dir + "/stdout.txt", err = dir + "/stderr.txt";
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, cli.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    RawRun r;
    if (spawned != 0)
        return r;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return r;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

// Parses `text` as JSON (nlohmann rejects invalid UTF-8 in strings); fails the test otherwise.
nlohmann::json parsed(const std::string& text, const char* what) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded())
        qWarning("%s is not valid JSON: %s", what, text.c_str());
    return j;
}

} // namespace

class CliHostileNamesTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::string m_image, m_truth;

    std::string dir() const { return m_tmp.path().toStdString(); }

private slots:
    void initTestCase() {
        QVERIFY(!ds::test::cliPath().isEmpty());
        ds::SynthOptions s;
        s.width = s.height = 256;
        s.bondPx = 12;
        s.seed = 11;
        const ds::SyntheticImage image = ds::synthesizeGraphene(s);
        QVERIFY(!image.truth.empty());
        m_image = dir() + "/scan\xff\xfe.tif"; // two bytes that are not UTF-8
        m_truth = dir() + "/scan\xff\xfe.truth.csv";
        QVERIFY(ds::writeTiff(m_image, ds::toMicrograph(image)).ok());
        QVERIFY(ds::writeTruthPoints(m_truth, image.truth).ok());
        // The rule: each invalid byte becomes U+FFFD.
        QVERIFY(ds::validUtf8(m_image).find("scan\xef\xbf\xbd\xef\xbf\xbd.tif") != std::string::npos);
    }

    void latticeJsonEscapesTheName() {
        const RawRun r = runCliRaw({"lattice", m_image, "--json"}, dir());
        QVERIFY2(r.code == 0, (std::to_string(r.code) + ": " + r.err).c_str());
        const nlohmann::json j = parsed(r.out, "lattice --json output");
        QVERIFY(j.is_object());
        QCOMPARE(j.at("image").get<std::string>(), ds::validUtf8(m_image));
        QVERIFY(j.at("bond_px").get<double>() > 0);
    }

    void evaluateJsonEscapesTheNames() {
        const std::string json = dir() + "/evaluate.json";
        const RawRun r = runCliRaw({"evaluate", m_image, "--truth", m_truth, "--bootstrap", "20", "--json", json}, dir());
        QVERIFY2(r.code == 0, (std::to_string(r.code) + ": " + r.err).c_str());
        const nlohmann::json j = parsed(slurp(json), "evaluate --json file");
        QVERIFY(j.is_object());
        QCOMPARE(j.at("image").get<std::string>(), ds::validUtf8(m_image));
        QCOMPARE(j.at("truth").get<std::string>(), ds::validUtf8(m_truth));
        QVERIFY(j.at("auroc").is_number());
    }
};

QTEST_GUILESS_MAIN(CliHostileNamesTest)
#include "cli_hostile_names_test.moc"
