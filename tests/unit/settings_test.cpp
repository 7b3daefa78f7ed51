#include <azcore/settings.hpp>

#include <azcore/logging/logger.hpp>

#include "support/invalid_argument_message.hpp"
#include "support/log_capture.hpp"

#include <gtest/gtest.h>

namespace azcore {
namespace {

using test::ScopedEnv;

// Every test starts from a process without AZURE_* variables and without values set in code,
// and leaves it that way.
class SettingsTest : public ::testing::Test {
protected:
    void SetUp() override { reset(); }
    void TearDown() override { reset(); }
    static void reset() {
        settings.log_level.unset_value();
        settings.tracing_enabled.unset_value();
        settings.tracing_implementation.unset_value();
        settings.azure_cloud.unset_value();
        settings.set_defaults_only(false);
        logging::apply_settings();
    }
    ScopedEnv log_level_env_{"AZURE_LOG_LEVEL", std::nullopt};
    ScopedEnv tracing_enabled_env_{"AZURE_TRACING_ENABLED", std::nullopt};
    ScopedEnv tracing_impl_env_{"AZURE_SDK_TRACING_IMPLEMENTATION", std::nullopt};
    ScopedEnv cloud_env_{"AZURE_SDK_CLOUD_CONF", std::nullopt};
    ScopedEnv legacy_cloud_env_{"AZURE_CLOUD", std::nullopt};
};

using test::invalid_argument_message;

TEST_F(SettingsTest, DefaultsArePythons) {
    EXPECT_EQ(settings.log_level(), logging::INFO);
    EXPECT_FALSE(settings.tracing_enabled());
    EXPECT_EQ(settings.tracing_implementation(), std::nullopt);
    EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_PUBLIC_CLOUD);
    EXPECT_EQ(settings.log_level.env_var(), "AZURE_LOG_LEVEL");
    EXPECT_EQ(settings.tracing_enabled.env_var(), "AZURE_TRACING_ENABLED");
    EXPECT_EQ(settings.tracing_implementation.env_var(), "AZURE_SDK_TRACING_IMPLEMENTATION");
    EXPECT_EQ(settings.azure_cloud.env_var(), "AZURE_SDK_CLOUD_CONF");
    EXPECT_EQ(settings.azure_cloud.fallback_env_var(), "AZURE_CLOUD");
    EXPECT_EQ(settings.log_level.fallback_env_var(), "");
    EXPECT_EQ(settings.defaults(), (SettingsConfig{.log_level = 20, .tracing_enabled = false,
                                                   .tracing_implementation = std::nullopt,
                                                   .azure_cloud = AzureClouds::AZURE_PUBLIC_CLOUD}));
}

TEST_F(SettingsTest, EnvironmentVariablesOverrideTheDefaults) {
    ScopedEnv level("AZURE_LOG_LEVEL", "debug");
    ScopedEnv tracing("AZURE_TRACING_ENABLED", "Yes");
    ScopedEnv implementation("AZURE_SDK_TRACING_IMPLEMENTATION", "OpenTelemetry");
    ScopedEnv cloud("AZURE_SDK_CLOUD_CONF", "AZURE_CHINA_CLOUD");
    EXPECT_EQ(settings.log_level(), logging::DEBUG);
    EXPECT_TRUE(settings.tracing_enabled());
    EXPECT_EQ(settings.tracing_implementation(), "opentelemetry");
    EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_CHINA_CLOUD);
    EXPECT_EQ(settings.defaults().log_level, logging::INFO);  // defaults ignore the environment
}

TEST_F(SettingsTest, CodeWinsOverTheEnvironmentUntilUnset) {
    ScopedEnv level("AZURE_LOG_LEVEL", "ERROR");
    settings.log_level.set_value(logging::DEBUG);
    EXPECT_EQ(settings.log_level(), logging::DEBUG);
    EXPECT_EQ(settings.log_level.user_value(), logging::DEBUG);
    settings.log_level.unset_value();
    EXPECT_EQ(settings.log_level(), logging::ERROR);  // back to the environment
    ScopedEnv unset_level("AZURE_LOG_LEVEL", std::nullopt);
    EXPECT_EQ(settings.log_level(), logging::INFO);  // then the default

    settings.tracing_enabled.set_value("on");
    EXPECT_TRUE(settings.tracing_enabled());
    settings.tracing_enabled.set_value(false);
    EXPECT_FALSE(settings.tracing_enabled());
    settings.azure_cloud.set_value(AzureClouds::AZURE_US_GOVERNMENT);
    EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_US_GOVERNMENT);
    settings.tracing_implementation.set_value("opencensus");
    EXPECT_EQ(settings.tracing_implementation(), "opencensus");
}

TEST_F(SettingsTest, AnImmediateValueWinsOverEverything) {
    ScopedEnv level("AZURE_LOG_LEVEL", "ERROR");
    settings.log_level.set_value("warning");
    EXPECT_EQ(settings.log_level(logging::CRITICAL), logging::CRITICAL);
    EXPECT_EQ(settings.log_level("debug"), logging::DEBUG);
    EXPECT_TRUE(settings.tracing_enabled(true));
    EXPECT_EQ(settings.log_level(), logging::WARNING);
}

TEST_F(SettingsTest, ConvertBoolTakesPythonsWordsIgnoringCase) {
    for (const char* yes : {"yes", "1", "on", "true", "TRUE", "True", "Yes", "ON"}) EXPECT_TRUE(convert_bool(yes)) << yes;
    for (const char* no : {"no", "0", "off", "false", "FALSE", "False", "No", "OFF"}) EXPECT_FALSE(convert_bool(no)) << no;
    EXPECT_EQ(invalid_argument_message([] { convert_bool("maybe"); }), "Cannot convert maybe to boolean value");
    EXPECT_THROW(convert_bool(""), std::invalid_argument);
    EXPECT_THROW(convert_bool("2"), std::invalid_argument);
}

TEST_F(SettingsTest, ConvertLoggingTakesLevelNamesIgnoringCaseOrLevelNumbers) {
    EXPECT_EQ(convert_logging("critical"), 50);
    EXPECT_EQ(convert_logging("Error"), 40);
    EXPECT_EQ(convert_logging("WARNING"), 30);
    EXPECT_EQ(convert_logging("info"), 20);
    EXPECT_EQ(convert_logging("DeBuG"), 10);
    EXPECT_EQ(convert_logging(30), 30);
    EXPECT_EQ(invalid_argument_message([] { convert_logging("trace"); }),
              "Cannot convert trace to log level, valid values are: CRITICAL, ERROR, WARNING, INFO, DEBUG");
    EXPECT_THROW(convert_logging(15), std::invalid_argument);
    EXPECT_THROW(convert_logging("WARN"), std::invalid_argument);
    EXPECT_THROW(convert_logging("10"), std::invalid_argument);  // as Python: text must be a name
}

// Python 1.41 (#46592): VERBOSE, the other Azure SDKs' name, is DEBUG.
TEST_F(SettingsTest, VerboseIsDebugIgnoringCaseWhereverALevelNameIsTaken) {
    EXPECT_EQ(convert_logging("VERBOSE"), logging::DEBUG);
    EXPECT_EQ(convert_logging("verbose"), logging::DEBUG);
    EXPECT_EQ(convert_logging("Verbose"), logging::DEBUG);
    EXPECT_EQ(settings.log_level("vErBoSe"), logging::DEBUG);
    settings.log_level.set_value("verbose");
    EXPECT_EQ(settings.log_level(), logging::DEBUG);
    settings.log_level.unset_value();

    test::LogCapture capture("azure.core.settings", logging::WARNING);
    ScopedEnv level("AZURE_LOG_LEVEL", "VERBOSE");
    EXPECT_EQ(settings.log_level(), logging::DEBUG);
    logging::apply_settings();
    EXPECT_EQ(logging::get_logger("azure").get_effective_level(), logging::DEBUG);
    EXPECT_TRUE(capture.records().empty());
}

TEST_F(SettingsTest, ConvertTracingImplAndAzureCloudKnowPythonsNames) {
    EXPECT_EQ(convert_tracing_impl("OPENTELEMETRY"), "opentelemetry");
    EXPECT_EQ(convert_tracing_impl("My.Tracer_2"), "my.tracer_2");  // a name given to register_tracer_provider
    EXPECT_EQ(invalid_argument_message([] { convert_tracing_impl("Zip kin"); }),
              "Cannot convert zip kin to a tracing implementation name: letters, digits, '.', '_' and '-' expected "
              "(opentelemetry, or a name given to tracing::register_tracer_provider)");
    EXPECT_EQ(convert_azure_cloud("AZURE_US_GOVERNMENT"), AzureClouds::AZURE_US_GOVERNMENT);
    EXPECT_THROW(convert_azure_cloud("azure_public_cloud"), std::invalid_argument);  // exact names, as Python
}

// Python 1.41: a value the environment gets wrong is a warning, and the default applies (a bad
// AZURE_TRACING_ENABLED must not fail every request).
TEST_F(SettingsTest, ABadEnvironmentValueWarnsNamingTheSettingTheVariableAndTheValueAndTheDefaultApplies) {
    std::vector<std::string> warnings;
    {
        test::LogCapture capture("azure.core.settings", logging::WARNING);
        ScopedEnv tracing("AZURE_TRACING_ENABLED", "maybe");
        EXPECT_FALSE(settings.tracing_enabled());
        ScopedEnv level("AZURE_LOG_LEVEL", "loud");
        EXPECT_EQ(settings.log_level(), settings.log_level.default_value());
        EXPECT_EQ(settings.config().tracing_enabled, false);
        warnings = capture.messages();
    }
    ASSERT_GE(warnings.size(), 2u);
    EXPECT_EQ(warnings[0],
              "settings.tracing_enabled (from AZURE_TRACING_ENABLED): Cannot convert maybe to boolean value; the default is used instead");
    EXPECT_EQ(warnings[1],
              "settings.log_level (from AZURE_LOG_LEVEL): Cannot convert loud to log level, valid values are: CRITICAL, "
              "ERROR, WARNING, INFO, DEBUG; the default is used instead");
}

// Python 1.41 renamed AZURE_CLOUD to AZURE_SDK_CLOUD_CONF (#45763); azcore still reads the old name
// while the new one is not set, so a process configured for an earlier azcore keeps its cloud.
TEST_F(SettingsTest, AzureCloudReadsAzureSdkCloudConfAndAzureCloudOnlyWhileThatIsUnset) {
    {
        ScopedEnv conf("AZURE_SDK_CLOUD_CONF", "AZURE_CHINA_CLOUD");
        ScopedEnv legacy("AZURE_CLOUD", "AZURE_US_GOVERNMENT");
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_CHINA_CLOUD);  // both: the new name wins
        EXPECT_EQ(settings.azure_cloud.env_value(), "AZURE_CHINA_CLOUD");
    }
    {
        ScopedEnv conf("AZURE_SDK_CLOUD_CONF", "AZURE_US_GOVERNMENT");
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_US_GOVERNMENT);  // only the new name
    }
    {
        ScopedEnv legacy("AZURE_CLOUD", "AZURE_CHINA_CLOUD");
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_CHINA_CLOUD);  // only the old name
        EXPECT_EQ(settings.azure_cloud.env_value(), "AZURE_CHINA_CLOUD");
        settings.azure_cloud.set_value(AzureClouds::AZURE_US_GOVERNMENT);  // code still wins
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_US_GOVERNMENT);
    }
    settings.azure_cloud.unset_value();
    EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_PUBLIC_CLOUD);  // neither: the default
    EXPECT_EQ(settings.azure_cloud.env_value(), std::nullopt);
}

// A bad AZURE_SDK_CLOUD_CONF is a warning naming it and the default applies; AZURE_CLOUD is not
// consulted then (the variable that is set is the one that counts). A bad AZURE_CLOUD is named too.
TEST_F(SettingsTest, ABadCloudVariableWarnsNamingItAndTheDefaultApplies) {
    test::LogCapture capture("azure.core.settings", logging::WARNING);
    {
        ScopedEnv conf("AZURE_SDK_CLOUD_CONF", "azure_china_cloud");
        ScopedEnv legacy("AZURE_CLOUD", "AZURE_US_GOVERNMENT");
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_PUBLIC_CLOUD);
    }
    {
        ScopedEnv legacy("AZURE_CLOUD", "mars");
        EXPECT_EQ(settings.azure_cloud(), AzureClouds::AZURE_PUBLIC_CLOUD);
    }
    EXPECT_EQ(capture.messages(),
              (std::vector<std::string>{
                  "settings.azure_cloud (from AZURE_SDK_CLOUD_CONF): Cannot convert azure_china_cloud to Azure Cloud, valid "
                  "values are: AZURE_PUBLIC_CLOUD, AZURE_CHINA_CLOUD, AZURE_US_GOVERNMENT; the default is used instead",
                  "settings.azure_cloud (from AZURE_CLOUD): Cannot convert mars to Azure Cloud, valid values are: "
                  "AZURE_PUBLIC_CLOUD, AZURE_CHINA_CLOUD, AZURE_US_GOVERNMENT; the default is used instead"}));
    const auto records = capture.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].name, "azure.core.settings");
    EXPECT_EQ(records[0].levelno, logging::WARNING);
}

TEST_F(SettingsTest, ABadValueSetInCodeIsRejectedWhenSet) {
    EXPECT_EQ(invalid_argument_message([] { settings.tracing_enabled.set_value("perhaps"); }),
              "settings.tracing_enabled (from the value set in code): Cannot convert perhaps to boolean value");
    EXPECT_THROW(settings.log_level.set_value(12), std::invalid_argument);
    EXPECT_THROW(settings.azure_cloud.set_value("mars"), std::invalid_argument);
    EXPECT_EQ(settings.tracing_enabled.user_value(), std::nullopt);
    EXPECT_EQ(settings.log_level(), logging::INFO);
}

TEST_F(SettingsTest, ConfigIsASnapshotWithOverrides) {
    ScopedEnv tracing("AZURE_TRACING_ENABLED", "1");
    settings.log_level.set_value(logging::ERROR);
    SettingsConfig current = settings.current();
    EXPECT_EQ(current.log_level, logging::ERROR);
    EXPECT_TRUE(current.tracing_enabled);

    SettingsConfig overridden = settings.config({.log_level = logging::DEBUG, .azure_cloud = AzureClouds::AZURE_CHINA_CLOUD});
    EXPECT_EQ(overridden.log_level, logging::DEBUG);
    EXPECT_TRUE(overridden.tracing_enabled);
    EXPECT_EQ(overridden.azure_cloud, AzureClouds::AZURE_CHINA_CLOUD);
    EXPECT_EQ(settings.log_level(), logging::ERROR);  // config() changes nothing

    settings.set_defaults_only(true);
    EXPECT_EQ(settings.current(), settings.defaults());
}

TEST_F(SettingsTest, LogLevelSetInCodeSetsTheAzureLogger) {
    logging::Logger& azure = logging::get_logger("azure");
    logging::Logger& policy = logging::get_logger("azure.core.pipeline.policies.http_logging_policy");
    ASSERT_EQ(azure.level(), logging::NOTSET);
    EXPECT_EQ(policy.get_effective_level(), logging::WARNING);  // the root's level; INFO default not applied

    settings.log_level.set_value("debug");
    EXPECT_EQ(azure.get_effective_level(), logging::DEBUG);
    EXPECT_TRUE(policy.is_enabled_for(logging::DEBUG));

    azure.set_level(logging::ERROR);  // the logger's own level comes first
    EXPECT_FALSE(policy.is_enabled_for(logging::WARNING));
    azure.set_level(logging::NOTSET);
    EXPECT_TRUE(policy.is_enabled_for(logging::DEBUG));

    settings.log_level.unset_value();
    EXPECT_EQ(policy.get_effective_level(), logging::WARNING);
}

TEST_F(SettingsTest, AzureLogLevelFromTheEnvironmentSetsTheAzureLogger) {
    logging::Logger& policy = logging::get_logger("azure.core.pipeline.policies.http_logging_policy");
    {
        ScopedEnv level("AZURE_LOG_LEVEL", "info");
        logging::apply_settings();
        EXPECT_EQ(policy.get_effective_level(), logging::INFO);
        settings.log_level.set_value(logging::CRITICAL);  // code wins over the environment
        EXPECT_EQ(policy.get_effective_level(), logging::CRITICAL);
        settings.log_level.unset_value();
        EXPECT_EQ(policy.get_effective_level(), logging::INFO);
    }
    {
        ScopedEnv level("AZURE_LOG_LEVEL", "chatty");  // ignored by the loggers, reported by the setting
        logging::apply_settings();
        EXPECT_EQ(policy.get_effective_level(), logging::WARNING);
        EXPECT_EQ(settings.log_level(), settings.log_level.default_value());  // with a warning
    }
    logging::apply_settings();
    EXPECT_EQ(policy.get_effective_level(), logging::WARNING);
}

TEST_F(SettingsTest, TracingIsOnWhenAnImplementationIsNamedUnlessTracingEnabledSaysOtherwise) {
    ScopedEnv enabled("AZURE_TRACING_ENABLED", std::nullopt);
    ScopedEnv implementation("AZURE_SDK_TRACING_IMPLEMENTATION", std::nullopt);
    EXPECT_FALSE(settings.is_tracing_enabled());
    settings.tracing_implementation.set_value("opentelemetry");
    EXPECT_TRUE(settings.is_tracing_enabled());
    EXPECT_TRUE(settings.config().tracing_enabled);
    settings.tracing_enabled.set_value(false);
    EXPECT_FALSE(settings.is_tracing_enabled());
    settings.tracing_enabled.unset_value();
    settings.tracing_implementation.unset_value();
    ScopedEnv named("AZURE_SDK_TRACING_IMPLEMENTATION", "OpenTelemetry");
    EXPECT_TRUE(settings.is_tracing_enabled());
    ScopedEnv off("AZURE_TRACING_ENABLED", "no");
    EXPECT_FALSE(settings.is_tracing_enabled());
}

}  // namespace
}  // namespace azcore
