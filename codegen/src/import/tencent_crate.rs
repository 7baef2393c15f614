//! The `tencent-catalogs` crate, generated from the SDK copy in the
//! repository (`errors-codegen import-tencent-sdk`).
//!
//! Inputs, all inside the repository (builds never read outside it):
//! `vendor/tencent-sdk/{zh,en}/<product>/<version>/errors.go` (the SDKs'
//! files, with their `LICENSE`s), `vendor/tencent-sdk/RELEASES` (which
//! release each side is) and `specs/tencent/common.yaml` (the common API
//! 3.0 codes). Outputs, under `tencent-catalogs/`: `specs/common.yaml` (a
//! copy of the common spec), `specs/<product>-<version>.yaml` (one per
//! Chinese SDK package, including `common.yaml`; flat, because an include
//! cannot lead above the including spec's directory), `src/lib.rs` (one
//! module per catalog behind its feature), `Cargo.toml` (one feature per
//! catalog) and `LICENSE-TENCENT-SDK`. The same inputs give the same bytes.
//!
//! `common/errors/errors.go` of the SDKs is the SDK's error type, not a
//! table of codes: it is skipped (importing it is a diagnostic).

use super::page::failed;
use super::tencent_sdk::{SdkInput, TencentSdkOptions, catalog_name, import_tencent_sdk};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::spec::load::{FsReader, SpecReader, normalize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The SDK copy, relative to the repository root.
pub const SDK_DIR: &str = "vendor/tencent-sdk";
/// The common-code spec, relative to the repository root.
pub const COMMON_SPEC: &str = "specs/tencent/common.yaml";
/// The generated crate, relative to the repository root.
pub const CRATE_DIR: &str = "tencent-catalogs";

/// One catalog of the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogInfo {
    pub product: String,
    pub version: String,
    /// `cvm-v20170312`.
    pub feature: String,
    /// `cvm_v20170312`.
    pub module: String,
    /// `CvmV20170312Error`.
    pub enum_name: String,
    /// Codes of the product's file.
    pub codes: usize,
    /// Of those, without English text.
    pub without_english: usize,
    /// Whether the international SDK has the package.
    pub has_english: bool,
}

/// The generated files (path relative to the repository root -> text),
/// the catalogs, and the importer's notices.
#[derive(Debug, Clone, Default)]
pub struct CrateFiles {
    pub files: BTreeMap<String, String>,
    pub catalogs: Vec<CatalogInfo>,
    pub notices: Vec<String>,
}

/// The release of each SDK side, from `RELEASES` (`zh <repo> <version> <date>`).
#[derive(Debug, Clone, Default)]
struct Releases {
    zh: String,
    en: String,
}

fn read(root: &Path, rel: &str) -> Result<String, Diagnostics> {
    std::fs::read_to_string(root.join(rel)).map_err(|e| {
        failed(
            Diagnostic::new(Pos::new(rel, 0, 0), format!("cannot read `{rel}`: {e}")).help(
                "run from the repository root (or pass `--root`); the SDK copy is in vendor/tencent-sdk",
            ),
        )
    })
}

fn releases(root: &Path) -> Result<Releases, Diagnostics> {
    let rel = format!("{SDK_DIR}/RELEASES");
    let text = read(root, &rel)?;
    let mut out = Releases::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["zh", repo, version, date] => out.zh = format!("{repo} {version} ({date})"),
            ["en", repo, version, date] => out.en = format!("{repo} {version} ({date})"),
            _ => {
                return Err(failed(
                    Diagnostic::new(
                        Pos::new(&rel, u32::try_from(i + 1).unwrap_or(u32::MAX), 1),
                        format!("expected `zh|en <repository> <version> <date>`, found `{line}`"),
                    )
                    .help(
                        "one line per SDK side, e.g. `zh tencentcloud-sdk-go v1.3.166 2026-08-21`",
                    ),
                ));
            }
        }
    }
    if out.zh.is_empty() || out.en.is_empty() {
        return Err(failed(
            Diagnostic::new(
                Pos::new(&rel, 1, 1),
                "RELEASES must name the zh and the en release",
            )
            .help("one line per SDK side, e.g. `zh tencentcloud-sdk-go v1.3.166 2026-08-21`"),
        ));
    }
    Ok(out)
}

/// `<side>/<product>/<version>/errors.go` files under the SDK copy, sorted.
fn packages(root: &Path, side: &str) -> Result<Vec<(String, String)>, Diagnostics> {
    let dir = root.join(SDK_DIR).join(side);
    let list = |d: &Path| -> Result<Vec<String>, Diagnostics> {
        let entries = std::fs::read_dir(d).map_err(|e| {
            failed(
                Diagnostic::new(
                    Pos::new(&d.to_string_lossy(), 0, 0),
                    format!("cannot list the SDK copy: {e}"),
                )
                .help("run from the repository root (or pass `--root`)"),
            )
        })?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    let mut out = Vec::new();
    for product in list(&dir)? {
        if product == "common" {
            continue;
        }
        for version in list(&dir.join(&product))? {
            if dir
                .join(&product)
                .join(&version)
                .join("errors.go")
                .is_file()
            {
                out.push((product.clone(), version));
            }
        }
    }
    Ok(out)
}

/// Serves generated files from memory, the rest from the file system.
struct Overlay<'a>(&'a BTreeMap<PathBuf, String>);

impl SpecReader for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self.0.get(&normalize(path)) {
            Some(t) => Ok(t.clone()),
            None => FsReader.read(path),
        }
    }
}

/// Generates the crate's files from the repository at `root`.
pub fn catalog_crate(root: &Path) -> Result<CrateFiles, Diagnostics> {
    let releases = releases(root)?;
    let common = read(root, COMMON_SPEC)?;
    let mut out = CrateFiles::default();
    let common_out = format!("{CRATE_DIR}/specs/common.yaml");
    let mut memory = BTreeMap::new();
    memory.insert(normalize(&root.join(&common_out)), common.clone());
    let reader = Overlay(&memory);
    out.files.insert(common_out, common);
    let english: Vec<(String, String)> = packages(root, "en")?;
    let mut diags = Diagnostics::default();
    for (product, version) in packages(root, "zh")? {
        let zh_rel = format!("{SDK_DIR}/zh/{product}/{version}/errors.go");
        let en_rel = format!("{SDK_DIR}/en/{product}/{version}/errors.go");
        let has_english = english.contains(&(product.clone(), version.clone()));
        let zh_text = read(root, &zh_rel)?;
        let en_text = if has_english {
            Some(read(root, &en_rel)?)
        } else {
            None
        };
        let feature = format!("{product}-{version}");
        let spec_rel = format!("{CRATE_DIR}/specs/{feature}.yaml");
        let english_side = if has_english {
            format!(
                "English from {} tencentcloud/{product}/{version}/errors.go",
                releases.en
            )
        } else {
            format!(
                "the international SDK ({}) has no {product}/{version} package, so no entry has English text",
                releases.en
            )
        };
        let opts = TencentSdkOptions {
            catalog: None,
            source: Some(format!(
                "Tencent Cloud {product} API, version {version}: the Go SDK's error constants. Chinese from {} tencentcloud/{product}/{version}/errors.go; {english_side}.",
                releases.zh
            )),
            include: vec!["common.yaml".to_owned()],
            spec_path: Some(root.join(&spec_rel).to_string_lossy().into_owned()),
        };
        let zh_in = SdkInput {
            text: &zh_text,
            file: &zh_rel,
        };
        let en_in = en_text.as_deref().map(|text| SdkInput {
            text,
            file: &en_rel,
        });
        match import_tencent_sdk(zh_in, en_in, &opts, &reader) {
            Ok(imported) => {
                out.notices.extend(imported.notices);
                out.catalogs.push(CatalogInfo {
                    module: feature.replace('-', "_"),
                    enum_name: catalog_name(&product, &version),
                    feature,
                    product,
                    version,
                    codes: imported.codes,
                    without_english: imported.without_english,
                    has_english,
                });
                out.files.insert(spec_rel, imported.yaml);
            }
            Err(d) => diags.0.extend(d.0),
        }
    }
    for (product, version) in &english {
        if !out
            .catalogs
            .iter()
            .any(|c| &c.product == product && &c.version == version)
        {
            out.notices.push(format!(
                "{SDK_DIR}/en/{product}/{version}/errors.go: the Chinese SDK has no such package; no catalog (the catalogs follow the Chinese SDK)"
            ));
        }
    }
    diags.into_result()?;
    out.files.insert(
        format!("{CRATE_DIR}/LICENSE-TENCENT-SDK"),
        read(root, &format!("{SDK_DIR}/zh/LICENSE"))?,
    );
    out.files.insert(
        format!("{CRATE_DIR}/src/lib.rs"),
        lib_rs(&out.catalogs, &releases),
    );
    out.files
        .insert(format!("{CRATE_DIR}/Cargo.toml"), cargo_toml(&out.catalogs));
    Ok(out)
}

const HEADER: &str = "@generated by `cargo run -p errors-codegen -- import-tencent-sdk` from vendor/tencent-sdk; do not edit, rerun it.";

fn lib_rs(catalogs: &[CatalogInfo], releases: &Releases) -> String {
    let total: usize = catalogs.iter().map(|c| c.codes).sum();
    let mut s = format!(
        "// {HEADER}\n\
//! Typed, bilingual (en, zh) error catalogs of every Tencent Cloud product\n\
//! and API version: {n} catalogs, {total} codes, from the error constants of\n\
//! the Chinese Go SDK ({zh}) and the international one ({en}).\n\
//!\n\
//! One module per product/version, behind one cargo feature each, so a build\n\
//! compiles only the catalogs it enables:\n\
//!\n\
//! ```toml\n\
//! tencent-catalogs = {{ version = \"0.1\", features = [\"cvm-v20170312\", \"vpc-v20170312\"] }}\n\
//! ```\n\
//!\n\
//! ```rust,ignore\n\
//! use tencent_catalogs::cvm_v20170312::CvmV20170312Error;\n\
//! use tencent_catalogs::errors_catalog::{{ErrorCode, Lang}};\n\
//! let e: CvmV20170312Error = \"InvalidInstanceId.NotFound\".parse().unwrap();\n\
//! println!(\"{{}} / {{}}\", e.message(Lang::Zh), e.message(Lang::En));\n\
//! ```\n\
//!\n\
//! Each catalog holds every code of the product's `errors.go` with the\n\
//! product's own texts, and the common API 3.0 codes (feature `common`,\n\
//! `TencentCommonError`) the product does not list. A code without English\n\
//! text in the international SDK has `en` \"-\": `message(Lang::En)` shows the\n\
//! Chinese text. Retry classes follow the importer's documented rules.\n\
\n\
pub use errors_catalog;\n\
\n\
/// The common API 3.0 codes, included by every product catalog.\n\
#[cfg(feature = \"common\")]\n\
pub mod common {{\n    errors_catalog::include_catalog!(\"common\");\n}}\n",
        n = catalogs.len(),
        zh = releases.zh,
        en = releases.en,
    );
    for c in catalogs {
        let english = if c.has_english {
            format!("{} of them without English text", c.without_english)
        } else {
            "no English text (the international SDK lacks the package)".to_owned()
        };
        let _ = write!(
            s,
            "\n/// Tencent Cloud `{p}` API version `{v}`: [`{e}`]({m}::{e}), {n} codes of\n\
/// the product ({english}) plus the common codes it does not list.\n\
/// Feature `{f}`.\n\
#[cfg(feature = \"{f}\")]\n\
pub mod {m} {{\n    errors_catalog::include_catalog!(\"{m}\");\n}}\n",
            p = c.product,
            v = c.version,
            e = c.enum_name,
            m = c.module,
            f = c.feature,
            n = c.codes,
        );
    }
    s
}

fn cargo_toml(catalogs: &[CatalogInfo]) -> String {
    let mut s = format!(
        "# {HEADER}\n\
[package]\n\
name = \"tencent-catalogs\"\n\
description = \"Typed, bilingual error catalogs of every Tencent Cloud product and API version, from the Go SDKs' errors.go: one cargo feature per product/version.\"\n\
version.workspace = true\n\
edition.workspace = true\n\
rust-version.workspace = true\n\
license.workspace = true\n\
keywords = [\"tencent-cloud\", \"error\", \"error-codes\", \"cloud\"]\n\
categories = [\"api-bindings\"]\n\
include = [\"/Cargo.toml\", \"/build.rs\", \"/src\", \"/specs\", \"/LICENSE-TENCENT-SDK\"]\n\
\n\
[package.metadata.docs.rs]\n\
features = [\"common\", \"cvm-v20170312\", \"vpc-v20170312\", \"organization-v20210331\"]\n\
\n\
[dependencies]\n\
errors-catalog.workspace = true\n\
\n\
[build-dependencies]\n\
errors-codegen.workspace = true\n\
\n\
[features]\n\
# One feature per catalog; none by default.\n\
common = []\n"
    );
    for c in catalogs {
        let _ = writeln!(s, "{} = []", c.feature);
    }
    s
}

/// Every generated file's path that differs from (or is missing in) the
/// repository at `root`, and the specs on disk the generation does not
/// write (stale ones).
pub fn stale(root: &Path, files: &CrateFiles) -> Vec<String> {
    let mut out: Vec<String> = files
        .files
        .iter()
        .filter(|(rel, text)| {
            std::fs::read(root.join(rel)).ok().as_deref() != Some(text.as_bytes())
        })
        .map(|(rel, _)| rel.clone())
        .collect();
    if let Ok(dir) = std::fs::read_dir(root.join(CRATE_DIR).join("specs")) {
        let mut extra: Vec<String> = dir
            .filter_map(Result::ok)
            .map(|e| format!("{CRATE_DIR}/specs/{}", e.file_name().to_string_lossy()))
            .filter(|rel| !files.files.contains_key(rel))
            .collect();
        extra.sort();
        out.extend(extra);
    }
    out
}
