//! A crate outside this workspace, as a user writes one: the runtime under
//! another name (`foo = { package = "errors-catalog", ... }`) with every
//! feature on, all three ways (the builder in build.rs, the attribute, the
//! derive), catalogs in private and public modules, unused accessors, the
//! user's own derives and methods named like the optional ones,
//! `#![deny(warnings)]`; it must build, pass clippy with `pedantic` and
//! `nursery` as errors, and document without warnings.

mod common;

use common::{cargo, cargo_doc, workspace, write};
use std::path::Path;

#[test]
fn a_strangers_crate_builds_without_a_warning_under_clippy_pedantic() {
    let root = workspace();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stranger");
    let specs = root.join("specs");
    let fixtures = root.join("tests/fixtures");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            r#"[package]
name = "stranger"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
foo = {{ package = "errors-catalog", path = {:?}, features = ["serde", "http", "json", "async"] }}
serde = {{ version = "1", features = ["derive"] }}

[build-dependencies]
errors-codegen = {{ path = {:?}, default-features = false }}

[workspace]
"#,
            root.join("errors-catalog"),
            root.join("codegen"),
        ),
    );
    for (name, from) in [
        ("ens.yaml", specs.join("alibaba/ens.yaml")),
        ("cbc.yaml", specs.join("huawei/cbc.yaml")),
        ("basic.yaml", fixtures.join("basic.yaml")),
        ("multilingual.yaml", fixtures.join("multilingual.yaml")),
    ] {
        write(
            &dir.join("specs").join(name),
            &std::fs::read_to_string(from).unwrap(),
        );
    }
    write(
        &dir.join("build.rs"),
        r#"fn main() -> Result<(), errors_codegen::BuildError> {
    errors_codegen::Builder::new()
        .spec("specs/ens.yaml")
        .spec("specs/multilingual.yaml")
        .runtime_path("foo")
        .serde(true)
        .http(true)
        .compile()
}
"#,
    );
    write(
        &dir.join("src/lib.rs"),
        r#"//! A stranger's library.
#![deny(warnings)]

/// Built in build.rs, included by the spec's name and by the catalog's.
pub mod built {
    foo::include_catalog!("ens");
    foo::include_catalog!("multilingual_error");
}

/// Unused, in a private module.
mod hidden {
    #[foo::catalog(spec = "specs/basic.yaml", crate = "foo")]
    pub enum Basic {}
}

/// The attribute, with the user's own derive and a method named like
/// the `http` accessor.
pub mod attr {
    /// Huawei CBC.
    #[foo::catalog(spec = "specs/cbc.yaml", crate = "foo")]
    #[derive(serde::Serialize)]
    pub enum Cbc {}

    impl Cbc {
        /// The user's own.
        #[must_use]
        pub const fn status_code(&self) -> u8 {
            7
        }
    }
}

/// The derive, with the user's serde derives.
pub mod derived {
    /// A subset.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, foo::ErrorCode)]
    #[error_code(spec = "specs/cbc.yaml", crate = "foo")]
    pub enum Billing {
        /// Rate limited.
        #[error_code("CBC.0250")]
        FlowControl,
    }
}

/// Uses a few accessors.
#[must_use]
pub fn describe(code: &str) -> String {
    built::EnsError::from_code(code).map_or_else(String::new, |e| {
        format!("{} {} {}", e.code(), e.http_status(), e.retry())
    })
}
"#,
    );
    write(
        &dir.join("src/main.rs"),
        r#"#![deny(warnings)]

mod private {
    foo::include_catalog!("ens");
}

fn main() {
    let e = private::EnsError::from_code("OrderNotFound");
    println!("{e:?} {}", stranger::describe("OrderNotFound"));
    println!("{}", stranger::attr::Cbc::ALL[0].status_code());
}
"#,
    );
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stranger-target");
    let target = target.to_str().unwrap();
    let env = [("CARGO_TARGET_DIR", target)];
    cargo(&dir, &["build", "--all-targets", "-q"], &env);
    cargo(
        &dir,
        &[
            "clippy",
            "--all-targets",
            "-q",
            "--",
            "-D",
            "warnings",
            "-W",
            "clippy::pedantic",
            "-W",
            "clippy::nursery",
        ],
        &env,
    );
    cargo_doc(&dir, target);
    // The derive cannot document the user's variants: its impl lists them
    // with their spec rows, so `cargo doc` shows the codes.
    assert_page_shows(
        target,
        "doc/stranger/derived/enum.Billing.html",
        &[
            "CBC.0250",
            "HTTP 429",
            "throttled",
            "Connection request control triggered.",
            "消息流量控制。",
        ],
    );
    // The attribute macro documents each variant (docs lexed by rustc from
    // `///` lines, see `errors_codegen`'s `expand::lex`).
    assert_page_shows(
        target,
        "doc/stranger/attr/enum.Cbc.html",
        &[
            "variant.FlowControlTriggered",
            "HTTP 429",
            "Connection request control triggered.",
            "消息流量控制。",
            "访问拒接,不是本站点客户。",
        ],
    );
}

/// Asserts that the `cargo doc` page `page` (under `target`) holds every
/// text of `wants`.
fn assert_page_shows(target: &str, page: &str, wants: &[&str]) {
    let page = Path::new(target).join(page);
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    for want in wants {
        assert!(
            html.contains(want),
            "{want} missing from {}",
            page.display()
        );
    }
}
