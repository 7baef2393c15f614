//! Demo: codes of the three vendors with status, messages and retry class.

use errors::{ErrorCode, Lang};
use generated_example::{BillingError, EnsError, OrganizationError};

fn show(vendor: &str, e: &dyn ErrorCode) {
    let retry = e.retry();
    println!(
        "[{vendor}] {}  HTTP {}  retry: {retry} (auto-retry if idempotent: {})",
        e.code(),
        e.http_status(),
        retry.is_retryable(true)
    );
    println!("    en: {}", e.message(Lang::En));
    println!("    zh: {}", e.message(Lang::Zh));
}

fn main() {
    println!("errors-codegen demo: one generator, three vendors, three ways\n");
    for code in ["CBC.0250", "CBC.99003115", "CBC.0100", "CBC.99000088"] {
        match BillingError::from_code(code) {
            Some(e) => show("huawei/derive", &e),
            None => println!("[huawei] {code}: not in the subset"),
        }
    }
    for code in [
        "RequestLimitExceeded",
        "InternalError",
        "FailedOperation.MemberNameUsed",
        "LimitExceeded.SendEmailWithinOneHourLimit",
        "AuthFailure.SignatureExpire",
    ] {
        match OrganizationError::from_code(code) {
            Some(e) => show("tencent/build.rs", &e),
            None => println!("[tencent] {code}: unknown"),
        }
    }
    for code in [
        "OrderNotFound",
        "PayInsufficientBalance",
        "OrderLatestOrderIsHandling",
        "InvalidParameter.ZoneId",
    ] {
        match EnsError::from_code(code) {
            Some(e) => show("alibaba/attribute", &e),
            None => println!("[alibaba] {code}: unknown"),
        }
    }
    println!(
        "\ncatalog sizes: huawei subset {}, tencent {} (+ templates), alibaba {} (+ templates)",
        BillingError::ALL.len(),
        OrganizationError::ALL.len(),
        EnsError::ALL.len()
    );
}
