use super::*;
use crate::spec::load::tests::mem;
use crate::testing::Rng;

const LICENCE: &str = "// Copyright (c) 2017-2025 Tencent. All Rights Reserved.\n//\n// Licensed under the Apache License, Version 2.0\n\n";

/// A generated SDK file: `(code, message)` pairs as an `errors.go`, the
/// marker line first, with the given line ending.
fn errors_go(package: &str, marker: &str, codes: &[(String, String)], eol: &str) -> String {
    let mut s = format!("{LICENCE}package {package}\n\nconst (\n\t// {marker}\n");
    for (i, (code, msg)) in codes.iter().enumerate() {
        // Unique, as Go requires (the SDK upper-cases the code).
        let constant = format!("C{i}_{}", code.to_ascii_uppercase().replace('.', "_"));
        s.push_str(&format!("\n\t// {msg}\n\t{constant} = \"{code}\"\n"));
    }
    s.push_str(")\n");
    s.replace('\n', eol)
}

const FAMILIES: &[&str] = &[
    "FailedOperation",
    "InvalidParameter",
    "InvalidParameterValue",
    "LimitExceeded",
    "ResourceNotFound",
    "AuthFailure",
    "InternalError",
    "RequestLimitExceeded",
    "ResourceInUse",
    "UnsupportedOperation",
];
const WORDS: &[&str] = &[
    "Instance",
    "Busy",
    "Processing",
    "Timeout",
    "TimeOut",
    "Quota",
    "Name",
    "Used",
    "SYS_ERR",
    "Vpc",
    "Disk",
    "x",
];
/// Texts the YAML writer must quote or keep: indicators, `: `, ` #`,
/// numbers, booleans, quotes, backslashes, Chinese, the `-` marker.
const TEXTS: &[&str] = &[
    "操作失败。",
    "Operation failed.",
    "- leading dash",
    "-",
    "key: value",
    "a # not a comment",
    "400",
    "yes",
    "no",
    "~",
    "\"quoted\" and 'single'",
    "back\\slash",
    "`ins-xxxxxxx` 已经在 `dgroup-xxxxxx` 置放群组里。",
    "{field} braces {}",
    "trailing colon:",
    "%s percent",
    "@at",
];

fn random_codes(rng: &mut Rng, n: usize) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while out.len() < n {
        let family = rng.pick(FAMILIES);
        let code = match rng.below(4) {
            0 => family.to_owned(),
            _ => format!("{family}.{}{}", rng.pick(WORDS), rng.pick(WORDS)),
        };
        if seen.insert(code.clone()) {
            let text = rng.pick(TEXTS).to_owned();
            out.push((code, text));
        }
    }
    out
}

fn import(
    zh: &str,
    en: Option<&str>,
    include: &[&str],
    files: &[(&str, &str)],
) -> Result<SdkImported, Diagnostics> {
    let reader = mem(files);
    let opts = TencentSdkOptions {
        include: include.iter().map(|s| (*s).to_owned()).collect(),
        spec_path: Some("/mem/p/imported.yaml".to_owned()),
        ..TencentSdkOptions::default()
    };
    import_tencent_sdk(
        SdkInput {
            text: zh,
            file: "sdk/zh/cvm/v20170312/errors.go",
        },
        en.map(|text| SdkInput {
            text,
            file: "sdk/en/cvm/v20170312/errors.go",
        }),
        &opts,
        &reader,
    )
}

fn load(yaml: &str, extra: &[(&str, &str)]) -> crate::model::Catalog {
    let mut files = vec![("p/imported.yaml", yaml)];
    files.extend_from_slice(extra);
    let reader = mem(&files);
    match crate::spec::load_catalog(Path::new("/mem"), "p/imported.yaml", &reader).result {
        Ok(c) => c,
        Err(d) => panic!("{d}\n{yaml}"),
    }
}

const COMMON: &str = "catalog: TencentCommonError\nvendor: tencent\nsource: s\nlanguages: [en, zh]\ndefaults: { status: 200 }\nerrors:\n  - code: InternalError\n    retry: transient\n    en: Internal error.\n    zh: 内部错误。\n  - code: RequestLimitExceeded\n    retry: throttled\n    en: Too many requests.\n    zh: 请求的次数超过了频率限制。\n  - code: UnknownParameter\n    en: Unknown parameter.\n    zh: 未知参数错误。\n";

/// Generated SDK file pairs: every code of the Chinese file is in the
/// catalog, in order, with its Chinese text, the English one where the
/// English file has the code (else `-`, shown as the Chinese text), status
/// 200 and the class of the first matching rule; every English-only code
/// is reported; the common codes the product lists are the product's.
#[test]
fn generated_files_import_faithfully() {
    let mut rng = Rng(0x7e9c_e916);
    for round in 0..60 {
        let n = 1 + rng.below(40);
        let zh_codes = random_codes(&mut rng, n);
        let mut en_codes: Vec<(String, String)> = Vec::new();
        for (c, _) in &zh_codes {
            if rng.below(3) != 0 {
                en_codes.push((c.clone(), rng.pick(TEXTS).to_owned()));
            }
        }
        let extra = format!("UnsupportedOperation.EnglishOnly{round}");
        en_codes.push((extra.clone(), "Only in English.".to_owned()));
        let eol = if round % 5 == 0 { "\r\n" } else { "\n" };
        let zh = errors_go("v20170312", SECTION_MARKERS[0], &zh_codes, eol);
        let en = errors_go("v20170312", SECTION_MARKERS[1], &en_codes, eol);
        let with_common = round % 2 == 0;
        let include: &[&str] = if with_common { &["common.yaml"] } else { &[] };
        let files = [("p/common.yaml", COMMON)];
        let imported = match import(&zh, Some(&en), include, &files) {
            Ok(i) => i,
            Err(d) => panic!("{d}\n{zh}"),
        };
        assert_eq!(imported.english_only, vec![extra.clone()]);
        assert!(
            imported.notices[0].contains(&extra)
                && imported.notices[0].starts_with("sdk/en/cvm/v20170312/errors.go:"),
            "{:?}",
            imported.notices
        );
        let catalog = load(&imported.yaml, &files);
        assert_eq!(catalog.name, "CvmV20170312Error");
        let own: Vec<&crate::model::Entry> = catalog
            .entries
            .iter()
            .filter(|e| e.file.ends_with("imported.yaml"))
            .collect();
        assert_eq!(own.len(), zh_codes.len());
        for (e, (code, zh_text)) in own.iter().zip(&zh_codes) {
            assert_eq!(&e.code.raw, code);
            assert_eq!(e.status, 200);
            assert_eq!(e.messages[1].raw, *zh_text, "{code}");
            let want_en = en_codes
                .iter()
                .find(|(c, _)| c == code)
                .map_or("-", |(_, t)| t.as_str());
            assert_eq!(e.messages[0].raw, want_en, "{code}");
            let want_retry = RETRY_RULES
                .iter()
                .find(|r| glob(r.pattern, code))
                .map_or(Retry::Never, |r| r.retry);
            assert_eq!(e.retry, want_retry, "{code}");
        }
        let inherited: Vec<&str> = catalog
            .entries
            .iter()
            .filter(|e| !e.file.ends_with("imported.yaml"))
            .map(|e| e.code.raw.as_str())
            .collect();
        let want: Vec<&str> = if with_common {
            ["InternalError", "RequestLimitExceeded", "UnknownParameter"]
                .into_iter()
                .filter(|c| !zh_codes.iter().any(|(z, _)| z == c))
                .collect()
        } else {
            Vec::new()
        };
        assert_eq!(inherited, want);
        // Regenerating gives the same bytes.
        let again = import(&zh, Some(&en), include, &files).map(|i| i.yaml);
        assert_eq!(again.as_deref().ok(), Some(imported.yaml.as_str()));
    }
}

/// Each rule of the table is reachable (an earlier rule does not shadow
/// it) and the order decides between overlapping ones.
#[test]
fn retry_rules_match_their_families() {
    for (i, rule) in RETRY_RULES.iter().enumerate() {
        // A code made from the pattern: stars become words.
        let code = rule.pattern.replace('*', "Xy");
        assert!(glob(rule.pattern, &code), "{}", rule.pattern);
        let (retry, by) = retry_for(&code);
        let first = RETRY_RULES.iter().position(|r| glob(r.pattern, &code));
        assert_eq!(
            first,
            Some(i),
            "rule {} is shadowed for {code}",
            rule.pattern
        );
        assert_eq!((retry, by), (rule.retry, Some(rule)));
    }
    for (code, want) in [
        ("RequestLimitExceeded.UinLimitExceeded", Retry::Throttled),
        ("InternalError.ServerBusy", Retry::Transient),
        ("FailedOperation.RequestTimeOut", Retry::Transient),
        ("FailedOperation.ProcessTimeout", Retry::Transient),
        ("LimitExceeded.ProcessingJobs", Retry::QuotaExhausted),
        ("AuthFailure.SignatureExpire", Retry::AfterRefresh),
        ("ResourceInUse.Vpc", Retry::AfterStateChange),
        ("InvalidDisk.Busy", Retry::AfterStateChange),
        (
            "OperationDenied.InstanceProcessing",
            Retry::AfterStateChange,
        ),
        ("ResourceNotFound.Timeout", Retry::Never),
        ("LimitExceededX", Retry::Never),
        ("AuthFailureX", Retry::Never),
        ("InvalidParameter", Retry::Never),
    ] {
        assert_eq!(retry_for(code).0, want, "{code}");
    }
}

#[test]
fn glob_matches_like_a_shell() {
    let mut rng = Rng(0x61ab);
    for _ in 0..2000 {
        let alphabet = ["a", "b", "*"];
        let p: String = (0..rng.below(6)).map(|_| rng.pick(&alphabet)).collect();
        let t: String = (0..rng.below(7)).map(|_| rng.pick(&["a", "b"])).collect();
        // Reference: a regex-free recursive matcher.
        fn reference(p: &[u8], t: &[u8]) -> bool {
            match p.split_first() {
                None => t.is_empty(),
                Some((b'*', rest)) => (0..=t.len()).any(|i| reference(rest, &t[i..])),
                Some((c, rest)) => t.first() == Some(c) && reference(rest, &t[1..]),
            }
        }
        assert_eq!(
            glob(&p, &t),
            reference(p.as_bytes(), t.as_bytes()),
            "{p} {t}"
        );
    }
}

/// Malformed files, each made by breaking one line of a generated file:
/// one diagnostic naming that line, never a panic or a dropped code.
#[test]
fn malformed_files_name_the_line() {
    let mut rng = Rng(0xbad_f11e);
    for _ in 0..200 {
        let n = 3 + rng.below(10);
        let codes = random_codes(&mut rng, n);
        let good = errors_go("v20170312", SECTION_MARKERS[0], &codes, "\n");
        let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
        // Lines of constants (their comment is the line above).
        let constants: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].contains(" = \""))
            .collect();
        let at_line = constants[rng.below(constants.len())];
        let (line, what) = match rng.below(7) {
            0 => {
                lines.remove(at_line - 1);
                (at_line, "has no message comment")
            }
            1 => {
                lines.remove(at_line);
                (at_line, "a comment without a constant")
            }
            2 => {
                lines[at_line] = "\tFOO = 42".to_owned();
                (at_line + 1, "is not a string")
            }
            3 => {
                lines[at_line] = "\tFOO = \"Unclosed".to_owned();
                (at_line + 1, "does not end")
            }
            4 => {
                lines.insert(at_line + 1, "func f() {}".to_owned());
                (at_line + 2, "expected `NAME = \"Code\"`")
            }
            5 => {
                let copy = lines[at_line].replace("\t", "\tDUP_");
                lines.insert(at_line + 1, "\t// again".to_owned());
                lines.insert(at_line + 2, copy);
                (at_line + 3, "is listed twice")
            }
            _ => {
                lines[at_line] = "\tFOO = \"Has Space\"".to_owned();
                (at_line + 1, "white space")
            }
        };
        let text = lines.join("\n");
        let err = parse_errors_go(&text, "e.go").expect_err(&text);
        let shown = err.to_string();
        assert!(shown.contains(what), "{what}: {shown}\n{text}");
        assert!(
            shown.contains(&format!("e.go:{line}:")),
            "line {line}: {shown}\n{text}"
        );
    }
}

#[test]
fn other_go_files_and_garbage_are_refused() {
    let sdk_error_type = "package errors\n\nimport (\n\t\"fmt\"\n)\n\ntype TencentCloudSDKError struct {\n\tCode string\n}\n";
    let err = parse_errors_go(sdk_error_type, "errors.go")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("errors.go:3:") && err.contains("outside a `const (` block"),
        "{err}"
    );
    for (text, want) in [
        ("", "no `const (` block"),
        ("// only a comment\n", "no `const (` block"),
        ("hello world\n", "expected the `package` line"),
        ("package v1\nconst (\n\t// m\n\tA = \"A\"\n", "never closed"),
        (
            "package v1\nconst (\n\t/* m */\n\tA = \"A\"\n)\n",
            "block comment",
        ),
    ] {
        let got = parse_errors_go(text, "x.go").unwrap_err().to_string();
        assert!(got.contains(want), "{text:?}: {got}");
    }
    // Random bytes: an error or a file, never a panic.
    let mut rng = Rng(0x6a2b);
    let pieces = [
        "package v1\n",
        "const (\n",
        ")\n",
        "\t// m\n",
        "\tA = \"A\"\n",
        "\tB = 1\n",
        "\n",
        "{",
        "\"",
        "//",
        "=",
        "\r",
        "\u{feff}",
        "é",
    ];
    for _ in 0..3000 {
        let text: String = (0..rng.below(12)).map(|_| rng.pick(&pieces)).collect();
        let _ = parse_errors_go(&text, "r.go");
    }
}

/// Import-level problems: a code in English only is reported, a bad
/// include names itself, a product without own codes still imports,
/// an empty comment is `-` with a note.
#[test]
fn import_reports_what_it_cannot_keep() {
    let zh = errors_go(
        "v20170312",
        SECTION_MARKERS[0],
        &[("A.B".to_owned(), String::new())],
        "\n",
    );
    let imported = import(&zh, None, &[], &[]).unwrap();
    let c = load(&imported.yaml, &[]);
    assert_eq!(c.entries[0].messages[0].raw, "-");
    assert_eq!(c.entries[0].messages[1].raw, "-");
    assert!(
        c.entries[0]
            .note
            .as_deref()
            .unwrap_or("")
            .contains("comment is empty")
    );
    assert_eq!(imported.without_english, 1);

    let err = import(&zh, None, &["missing.yaml"], &[])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the spec to include, `missing.yaml`, does not load"),
        "{err}"
    );

    let empty = format!(
        "{LICENCE}package v20170312\n\nconst (\n\t// {}\n)\n",
        SECTION_MARKERS[0]
    );
    let files = [("p/common.yaml", COMMON)];
    let imported = import(&empty, None, &["common.yaml"], &files).unwrap();
    assert_eq!(load(&imported.yaml, &files).entries.len(), 3);

    // Without a `<product>/<version>` path the catalog name is asked for.
    let reader = mem(&[]);
    let err = import_tencent_sdk(
        SdkInput {
            text: &zh,
            file: "errors.go",
        },
        None,
        &TencentSdkOptions::default(),
        &reader,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("--catalog"), "{err}");
}

/// Codes whose derived names collide (`INVALID_PARAM` / `InvalidParam`,
/// or a common entry's name) get distinct explicit names.
#[test]
fn colliding_names_are_made_distinct() {
    let codes: Vec<(String, String)> = [
        "InvalidParameter.INVALID_PARAM",
        "InvalidParameter.InvalidParam",
        "InvalidParameter.invalid_param",
        "Internal.Error",
    ]
    .iter()
    .map(|c| ((*c).to_owned(), "m".to_owned()))
    .collect();
    let zh = errors_go("v20170312", SECTION_MARKERS[0], &codes, "\n");
    let files = [("p/common.yaml", COMMON)];
    let imported = import(&zh, None, &["common.yaml"], &files).unwrap();
    let c = load(&imported.yaml, &files);
    let mut names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
    let n = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), n, "{names:?}");
    assert_eq!(n, 7);
}
