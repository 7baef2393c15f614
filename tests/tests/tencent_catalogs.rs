//! The `tencent-catalogs` crate: regenerating it from the SDK copy gives
//! the checked-in bytes; its Organization catalog against the seed spec
//! transcribed from the Organization page; the generated enums at run time.

use errors_catalog::{Lang, Retry};
use errors_codegen::import::tencent_crate::{CRATE_DIR, catalog_crate, stale};
use errors_codegen::import::tencent_sdk::{parse_errors_go, retry_for};
use errors_codegen::{Catalog, FsReader, load_catalog};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn load(rel: &str) -> Catalog {
    match load_catalog(&root(), rel, &FsReader).result {
        Ok(c) => c,
        Err(d) => panic!("{d}"),
    }
}

#[test]
fn regenerating_gives_the_same_bytes() {
    let root = root();
    let files = catalog_crate(&root).unwrap_or_else(|d| panic!("{d}"));
    let changed = stale(&root, &files);
    assert!(
        changed.is_empty(),
        "generated files differ from the checked-in ones: {changed:?}\nrun `cargo run -p errors-codegen -- import-tencent-sdk`"
    );
    // One catalog per Chinese SDK package; every code of its file in it.
    let zh = root.join("vendor/tencent-sdk/zh");
    let mut packages = 0;
    let mut codes = 0;
    for info in &files.catalogs {
        let rel = format!(
            "vendor/tencent-sdk/zh/{}/{}/errors.go",
            info.product, info.version
        );
        let text = std::fs::read_to_string(root.join(&rel)).expect("SDK file");
        let sdk = parse_errors_go(&text, &rel).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(sdk.codes.len(), info.codes, "{rel}");
        packages += 1;
        codes += info.codes;
    }
    let on_disk = std::fs::read_dir(&zh)
        .expect("zh")
        .filter_map(Result::ok)
        .filter(|p| p.file_name() != "common")
        .flat_map(|p| std::fs::read_dir(p.path()).into_iter().flatten())
        .filter_map(Result::ok)
        .filter(|v| v.path().join("errors.go").is_file())
        .count();
    assert_eq!(packages, on_disk);
    assert_eq!(files.catalogs.len(), 296);
    assert_eq!(codes, 16_931);
    // Each catalog's source (its enum's docs) names the product, the
    // version and both SDK releases of vendor/tencent-sdk/RELEASES.
    let releases =
        std::fs::read_to_string(root.join("vendor/tencent-sdk/RELEASES")).expect("RELEASES");
    let releases: Vec<String> = releases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().nth(2).expect("a release").to_owned())
        .collect();
    assert_eq!(releases.len(), 2);
    for info in &files.catalogs {
        let spec = &files.files[&format!("{CRATE_DIR}/specs/{}.yaml", info.feature)];
        let source = spec
            .lines()
            .find(|l| l.starts_with("source: "))
            .expect("source");
        let want = format!(
            "Tencent Cloud {} API, version {}",
            info.product, info.version
        );
        assert!(source.contains(&want), "{source}");
        for r in &releases {
            assert!(source.contains(r.as_str()), "{r} in {source}");
        }
    }
    // Every feature of the manifest is a spec and the other way round.
    let manifest = &files.files[&format!("{CRATE_DIR}/Cargo.toml")];
    for info in &files.catalogs {
        assert!(manifest.contains(&format!("\n{} = []\n", info.feature)));
        assert!(
            files
                .files
                .contains_key(&format!("{CRATE_DIR}/specs/{}.yaml", info.feature))
        );
    }
}

/// Every spec of the crate loads, and each entry of a product file is the
/// product's: its Chinese text is the SDK comment, its retry the rules'.
#[test]
fn every_catalog_keeps_the_product_texts() {
    let root = root();
    let files = catalog_crate(&root).unwrap_or_else(|d| panic!("{d}"));
    for info in files
        .catalogs
        .iter()
        .filter(|c| ["cvm", "vpc", "cdb", "tke"].contains(&c.product.as_str()))
    {
        let rel = format!(
            "vendor/tencent-sdk/zh/{}/{}/errors.go",
            info.product, info.version
        );
        let text = std::fs::read_to_string(root.join(&rel)).expect("SDK file");
        let sdk = parse_errors_go(&text, &rel).unwrap_or_else(|d| panic!("{d}"));
        let catalog = load(&format!("{CRATE_DIR}/specs/{}.yaml", info.feature));
        let by_code: HashMap<&str, &errors_codegen::Entry> = catalog
            .entries
            .iter()
            .map(|e| (e.code.raw.as_str(), e))
            .collect();
        for c in &sdk.codes {
            let e = by_code[c.code.as_str()];
            assert!(
                e.file.ends_with(&format!("{}.yaml", info.feature)),
                "{}",
                c.code
            );
            let zh = if c.message.is_empty() {
                "-"
            } else {
                c.message.as_str()
            };
            assert_eq!(e.messages[1].raw, zh, "{}", c.code);
            assert_eq!(e.retry, retry_for(&c.code).0, "{}", c.code);
            assert_eq!(e.status, 200);
        }
    }
}

/// The five common codes the Organization page and the SDK word
/// differently in English (page text, SDK text).
const ENGLISH_WORDINGS: [(&str, &str, &str); 5] = [
    (
        "InternalError",
        "Internal error.",
        "An internal error occurred.",
    ),
    (
        "InvalidParameter",
        "Incorrect parameter.",
        "The parameter is incorrect.",
    ),
    (
        "MissingParameter",
        "A parameter is missing.",
        "Parameters are missing.",
    ),
    (
        "ResourceUnavailable",
        "Resource is unavailable.",
        "Resources are unavailable.",
    ),
    (
        "UnsupportedOperation",
        "Unsupported operation.",
        "The operation is not supported.",
    ),
];

/// The codes of the SDK's Organization file the page does not list yet.
const SDK_ONLY: [&str; 10] = [
    "FailedOperation.DelegatedAdminCannotModifyPolicy",
    "FailedOperation.PermissionDenied",
    "UnsupportedOperation.AdminAccountExistCICRoleConfig",
    "UnsupportedOperation.AdminAccountExistCICUserConfig",
    "UnsupportedOperation.DeleteAccountDisabled",
    "UnsupportedOperation.InviteAccountNotAllowDelete",
    "UnsupportedOperation.MemberAccountExistCICRoleConfig",
    "UnsupportedOperation.MemberAccountExistCICUserConfig",
    "UnsupportedOperation.MemberAccountExistResource",
    "UnsupportedOperation.OperationForbidden",
];

/// The seed spec (the Organization page, hand-transcribed) and the SDK's
/// catalog side by side: every page code is in the SDK catalog with the
/// same Chinese text and, but for the five listed wordings, the same
/// English; the SDK's extra codes are exactly the ten listed.
#[test]
fn organization_page_spec_matches_the_sdk_catalog() {
    let page = load("specs/tencent/organization.yaml");
    let sdk = load(&format!("{CRATE_DIR}/specs/organization-v20210331.yaml"));
    let sdk_by_code: HashMap<&str, &errors_codegen::Entry> = sdk
        .entries
        .iter()
        .map(|e| (e.code.raw.as_str(), e))
        .collect();
    let mut differing = Vec::new();
    for e in &page.entries {
        let code = e.code.raw.as_str();
        let Some(s) = sdk_by_code.get(code) else {
            panic!("page code {code} is not in the SDK catalog");
        };
        assert_eq!(e.messages[1].raw, s.messages[1].raw, "zh of {code}");
        if e.messages[0].raw != s.messages[0].raw {
            differing.push((code, e.messages[0].raw.as_str(), s.messages[0].raw.as_str()));
        }
    }
    assert_eq!(
        differing,
        ENGLISH_WORDINGS.to_vec(),
        "English wordings that differ"
    );
    let page_codes: Vec<&str> = page.entries.iter().map(|e| e.code.raw.as_str()).collect();
    let mut extra: Vec<&str> = sdk
        .entries
        .iter()
        .map(|e| e.code.raw.as_str())
        .filter(|c| !page_codes.contains(c))
        .collect();
    extra.sort_unstable();
    assert_eq!(extra, SDK_ONLY.to_vec(), "codes of the SDK the page lacks");
    // Shared: all the page's codes (306 product and common codes).
    assert_eq!(page.entries.len() + SDK_ONLY.len(), sdk.entries.len());
    // `errors-codegen diff` reports exactly these.
    let changes: Vec<String> = errors_codegen::diff(&page, &sdk)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        changes.len(),
        ENGLISH_WORDINGS.len() + SDK_ONLY.len(),
        "{changes:#?}"
    );
    for (code, _, _) in ENGLISH_WORDINGS {
        assert!(
            changes
                .iter()
                .any(|c| c.starts_with(&format!("~ {code}: en "))),
            "{changes:#?}"
        );
    }
    for code in SDK_ONLY {
        assert!(
            changes.iter().any(|c| c.starts_with(&format!("+ {code} "))),
            "{changes:#?}"
        );
    }
}

/// The generated enums at run time (features enabled by this crate's
/// dev-dependency): texts, the English fallback to Chinese, retry, docs.
#[test]
fn generated_enums_work() {
    use tencent_catalogs::organization_v20210331::OrganizationV20210331Error as Org;
    use tencent_catalogs::vpc_v20170312::VpcV20170312Error as Vpc;
    let e: Org = "FailedOperation.PermissionDenied"
        .parse()
        .expect("SDK-only code");
    assert_eq!(e.code(), "FailedOperation.PermissionDenied");
    assert_eq!(e.http_status(), 200);
    // A common code the product does not list, from common.yaml.
    let sig: Org = "AuthFailure.SignatureExpire".parse().expect("common code");
    assert_eq!(sig.retry(), Retry::AfterRefresh);
    let limit: Vpc = "RequestLimitExceeded".parse().expect("common code");
    assert_eq!(limit.retry(), Retry::Throttled);
    // A VPC code without English: en is "-", shown as the Chinese text.
    let spec = load(&format!("{CRATE_DIR}/specs/vpc-v20170312.yaml"));
    let no_en = spec
        .entries
        .iter()
        .find(|e| e.messages[0].raw == "-" && e.messages[1].raw != "-")
        .expect("VPC has codes without English");
    let v: Vpc = no_en.code.raw.parse().expect("code");
    assert_eq!(v.message(Lang::En).to_string(), no_en.messages[1].raw);
    assert_eq!(v.message(Lang::Zh).to_string(), no_en.messages[1].raw);
    assert_eq!(v.message_lang(Lang::En), Lang::Zh);
    assert_eq!(Vpc::ALL.len(), spec.entries.len());
}
