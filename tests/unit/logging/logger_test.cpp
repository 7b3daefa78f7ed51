#include <azcore/logging/logger.hpp>

#include "support/log_capture.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace {

// A value whose formatting is counted, to prove that a disabled level formats nothing.
struct Counted {
    int value = 0;
};
int formatted_count = 0;
int evaluated_count = 0;

Counted evaluate() {
    ++evaluated_count;
    return Counted{7};
}

}  // namespace

template <>
struct fmt::formatter<Counted> : fmt::formatter<int> {
    auto format(const Counted& counted, fmt::format_context& context) const {
        ++formatted_count;
        return fmt::formatter<int>::format(counted.value, context);
    }
};

namespace azcore::logging {
namespace {

using test::LogCapture;

TEST(LoggerTest, LevelsHavePythonsNumbersAndNames) {
    EXPECT_EQ(NOTSET, 0);
    EXPECT_EQ(DEBUG, 10);
    EXPECT_EQ(INFO, 20);
    EXPECT_EQ(WARNING, 30);
    EXPECT_EQ(ERROR, 40);
    EXPECT_EQ(CRITICAL, 50);
    EXPECT_EQ(get_level_name(DEBUG), "DEBUG");
    EXPECT_EQ(get_level_name(CRITICAL), "CRITICAL");
    EXPECT_EQ(get_level_name(15), "Level 15");
}

TEST(LoggerTest, GetLoggerReturnsTheSameLoggerForTheSameName) {
    EXPECT_EQ(&get_logger("test.same.name"), &get_logger("test.same.name"));
    EXPECT_EQ(get_logger("test.same.name").name(), "test.same.name");
    EXPECT_EQ(&get_logger(), &get_logger("root"));
    EXPECT_EQ(get_logger().name(), "root");
    EXPECT_EQ(get_logger().parent(), nullptr);
}

TEST(LoggerTest, ChildWithoutALevelInheritsFromTheNearestAncestor) {
    Logger& top = get_logger("test.tree");
    Logger& leaf = get_logger("test.tree.core.pipeline.policies.leaf");
    EXPECT_EQ(leaf.parent(), &top);  // no logger in between exists

    top.set_level(DEBUG);
    EXPECT_EQ(leaf.get_effective_level(), DEBUG);
    EXPECT_TRUE(leaf.is_enabled_for(DEBUG));

    top.set_level(ERROR);
    EXPECT_FALSE(leaf.is_enabled_for(WARNING));
    EXPECT_TRUE(leaf.is_enabled_for(ERROR));

    // A logger created in between becomes the parent and passes its own level down.
    Logger& core = get_logger("test.tree.core");
    EXPECT_EQ(leaf.parent(), &core);
    EXPECT_EQ(core.parent(), &top);
    core.set_level(INFO);
    EXPECT_EQ(leaf.get_effective_level(), INFO);
    core.set_level(NOTSET);
    EXPECT_EQ(leaf.get_effective_level(), ERROR);
    top.set_level(NOTSET);
    EXPECT_EQ(leaf.get_effective_level(), get_logger().level());
}

TEST(LoggerTest, PolicyLoggersInheritFromTheAzureLogger) {
    Logger& azure = get_logger("azure");
    const int old_level = azure.level();
    Logger& policy = get_logger("azure.core.pipeline.policies.http_logging_policy");
    azure.set_level(DEBUG);
    EXPECT_TRUE(policy.is_enabled_for(DEBUG));
    azure.set_level(CRITICAL);
    EXPECT_FALSE(policy.is_enabled_for(ERROR));
    azure.set_level(old_level);
}

TEST(LoggerTest, RootLoggerIsAtWarningUntilSet) {
    Logger& orphan = get_logger("test.orphan.logger");
    EXPECT_EQ(get_logger().level(), WARNING);
    EXPECT_EQ(orphan.get_effective_level(), WARNING);
    EXPECT_FALSE(orphan.is_enabled_for(INFO));
    EXPECT_TRUE(orphan.is_enabled_for(WARNING));
}

TEST(LoggerTest, RecordsReachTheHandlersOfTheLoggerAndItsAncestors) {
    LogCapture parent_capture("test.propagation", DEBUG);
    Logger& child = get_logger("test.propagation.child");
    std::vector<std::string> own;
    auto handler = std::make_shared<CallbackHandler>([&](const LogRecord& record) { own.push_back(record.message); });
    child.add_handler(handler);

    child.info("hello {}", "world");

    EXPECT_EQ(own, std::vector<std::string>{"hello world"});
    ASSERT_EQ(parent_capture.records().size(), 1u);
    const LogRecord record = parent_capture.records()[0];
    EXPECT_EQ(record.name, "test.propagation.child");
    EXPECT_EQ(record.levelno, INFO);
    EXPECT_EQ(record.levelname, "INFO");
    EXPECT_EQ(record.message, "hello world");

    child.set_propagate(false);
    child.warning("only mine");
    EXPECT_EQ(own.size(), 2u);
    EXPECT_EQ(parent_capture.records().size(), 1u);
    child.set_propagate(true);
    child.remove_handler(handler);
}

TEST(LoggerTest, AHandlerDropsRecordsBelowItsOwnLevel) {
    Logger& logger = get_logger("test.handler.level");
    logger.set_level(DEBUG);
    std::vector<int> levels;
    auto handler = std::make_shared<CallbackHandler>([&](const LogRecord& record) { levels.push_back(record.levelno); }, WARNING);
    logger.add_handler(handler);
    logger.debug("d");
    logger.info("i");
    logger.warning("w");
    logger.error("e");
    logger.critical("c");
    EXPECT_EQ(levels, (std::vector<int>{WARNING, ERROR, CRITICAL}));
    logger.remove_handler(handler);
}

TEST(LoggerTest, ADisabledLevelFormatsNothing) {
    LogCapture capture("test.cheap", WARNING);
    Logger& logger = get_logger("test.cheap");
    formatted_count = 0;
    evaluated_count = 0;

    logger.debug("value {}", Counted{1});
    logger.log(INFO, "value {}", Counted{2});
    AZCORE_LOG(logger, DEBUG, "value {}", evaluate());

    EXPECT_EQ(formatted_count, 0);
    EXPECT_EQ(evaluated_count, 0);  // the macro doesn't even evaluate the arguments
    EXPECT_TRUE(capture.records().empty());

    logger.warning("value {}", Counted{3});
    AZCORE_LOG(logger, ERROR, "value {}", evaluate());
    EXPECT_EQ(formatted_count, 2);
    EXPECT_EQ(evaluated_count, 1);
    EXPECT_EQ(capture.messages(), (std::vector<std::string>{"value 3", "value 7"}));
}

TEST(LoggerTest, StreamHandlerWritesPythonsBasicFormat) {
    Logger& logger = get_logger("test.stream");
    logger.set_level(INFO);
    std::ostringstream out;
    auto handler = std::make_shared<StreamHandler>(out);
    logger.add_handler(handler);
    logger.info("first");
    handler->set_formatter([](const LogRecord& record) { return "[" + record.levelname + "] " + record.message; });
    logger.error("second {}", 2);
    logger.remove_handler(handler);
    EXPECT_EQ(out.str(), "INFO:test.stream:first\n[ERROR] second 2\n");
}

TEST(LoggerTest, FileHandlerAppendsToItsFile) {
    test::TempDir dir;
    const std::string path = dir.file("azure.log");
    { std::ofstream(path) << "earlier\n"; }
    Logger& logger = get_logger("test.file");
    logger.set_level(DEBUG);
    auto handler = std::make_shared<FileHandler>(path);
    logger.add_handler(handler);
    logger.debug("to the file");
    logger.remove_handler(handler);
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), "earlier\nDEBUG:test.file:to the file\n");
}

TEST(LoggerTest, HandlersRejectBadArguments) {
    EXPECT_THROW(FileHandler("/tmp/x.log", "r"), std::invalid_argument);
    EXPECT_THROW(FileHandler("/nonexistent-dir-azcore/x.log"), std::runtime_error);
    EXPECT_THROW(CallbackHandler(nullptr), std::invalid_argument);
    EXPECT_THROW(get_logger("test.bad").add_handler(nullptr), std::invalid_argument);
}

TEST(LoggerTest, AThrowingHandlerDoesNotThrowIntoTheCaller) {
    LogCapture capture("test.throwing", INFO);
    Logger& logger = get_logger("test.throwing.child");
    auto handler = std::make_shared<CallbackHandler>([](const LogRecord&) { throw std::runtime_error("sink broke"); });
    logger.add_handler(handler);
    EXPECT_NO_THROW(logger.info("still delivered upwards"));
    EXPECT_EQ(capture.messages(), std::vector<std::string>{"still delivered upwards"});
    logger.remove_handler(handler);
}

TEST(LoggerTest, ManyThreadsLogAndChangeLevelsSafely) {
    LogCapture capture("test.threads", DEBUG);
    Logger& logger = get_logger("test.threads.worker");
    constexpr int threads = 4;
    constexpr int per_thread = 500;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) logger.info("thread {} record {}", t, i);
        });
    std::thread toggler([&] {
        for (int i = 0; i < 200; ++i) {
            get_logger("test.threads.worker.deeper").set_level(i % 2 ? DEBUG : NOTSET);
            (void)get_logger("test.threads.other" + std::to_string(i % 5));
        }
    });
    for (auto& worker : workers) worker.join();
    toggler.join();
    EXPECT_EQ(capture.records().size(), static_cast<std::size_t>(threads * per_thread));
}

}  // namespace
}  // namespace azcore::logging
