#pragma once
// Account shared access signatures, signed with the account key as Storage's SDKs make them; use
// the result with azcore's AzureSasCredential.
#include <chrono>
#include <string>

namespace blob {

/// What an account SAS allows (Python storage's generate_account_sas arguments).
struct AccountSasOptions {
    /// Permissions in Storage's order, e.g. "rwdlac" (read, write, delete, list, add, create).
    std::string permissions = "rl";
    /// Services: "b" (blob).
    std::string services = "b";
    /// Resource types: s(ervice), c(ontainer), o(bject).
    std::string resource_types = "sco";
    /// When it stops working.
    std::chrono::system_clock::time_point expiry = std::chrono::system_clock::now() + std::chrono::hours(1);
    /// "https" or "https,http".
    std::string protocol = "https,http";
    /// Storage service version it is signed for.
    std::string version = "2025-01-05";
};

/// The SAS query string (without '?'): ss, srt, sp, se, spr, sv and sig.
std::string generate_account_sas(const std::string& account, const std::string& account_key, const AccountSasOptions& options);

/// ISO 8601 UTC to the second, as SAS fields want it: "2026-11-29T23:59:00Z".
std::string iso8601_utc(std::chrono::system_clock::time_point time);

}  // namespace blob
