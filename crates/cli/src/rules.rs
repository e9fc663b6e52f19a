//! The office's rules file: one TOML whose `[page]` table holds the words pages are read with
//! (`xunwang_extract::Cues`, shipped defaults in `crates/extract/rules/page-cues.toml`) and
//! whose other tables are the site-model checks' rules (`xunwang_checks::Config`, shipped in
//! `crates/checks/rules/site-model.toml`). Anything left out keeps the shipped default.

use std::path::Path;

use anyhow::{Context, Result};
use xunwang_checks::Config;
use xunwang_extract::Cues;

/// Reads a rules file.
pub fn load(path: &Path) -> Result<(Config, Cues)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("无法读取规则文件 {}", path.display()))?;
    parse(&text).with_context(|| format!("规则文件 {} 有误", path.display()))
}

/// The shipped lexicon plus the office's lexicon files (the shipped TOML format, see
/// `xunwang_checks::parse_terms_toml`).
pub fn load_lexicon(paths: &[std::path::PathBuf]) -> Result<xunwang_checks::Lexicon> {
    let mut terms = xunwang_checks::Lexicon::default().terms().to_vec();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("无法读取词表文件 {}", path.display()))?;
        let more = xunwang_checks::parse_terms_toml(&text)
            .with_context(|| format!("词表文件 {} 有误", path.display()))?;
        terms.extend(more);
    }
    xunwang_checks::Lexicon::new(terms).context("词表无法编译")
}

/// Splits the `[page]` table off and hands each part to its owner.
fn parse(text: &str) -> Result<(Config, Cues)> {
    let mut table: toml::Table = text.parse().context("不是有效的 TOML")?;
    let cues = match table.remove("page") {
        Some(toml::Value::Table(page)) => {
            Cues::from_toml(&toml::to_string(&page)?).context("[page] 表（页面读取用词）有误")?
        }
        Some(_) => anyhow::bail!("`page` 应是一个表（[page]）"),
        None => Cues::default(),
    };
    let config = Config::from_toml(&toml::to_string(&table)?)?;
    Ok((config, cues))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_goes_to_its_owner_and_the_rest_keeps_the_defaults() {
        let (config, cues) = parse(
            r#"
[windows]
news = "7d"

[page]
placeholders = ["本栏目信息正在更新"]
"#,
        )
        .unwrap();
        assert_eq!(config.windows.news.to_string(), "7d");
        assert_eq!(config.windows.notice, Config::default().windows.notice);
        assert_eq!(cues.placeholders, ["本栏目信息正在更新"]);
        assert_eq!(cues.crumb_labels, Cues::default().crumb_labels);
    }

    #[test]
    fn an_empty_file_is_the_shipped_rules() {
        let (config, cues) = parse("").unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(cues, Cues::default());
    }

    #[test]
    fn an_office_lexicon_adds_its_names_to_the_shipped_words_and_bad_files_are_errors() {
        let dir = std::env::temp_dir().join(format!("xunwang-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("names.toml");
        std::fs::write(
            &good,
            "category = \"name\"\nsource = \"示例市名录\"\n[[pairs]]\nwrong = \"示例市人民政付\"\nright = \"示例市人民政府\"\n",
        )
        .unwrap();
        let lexicon = load_lexicon(std::slice::from_ref(&good)).unwrap();
        let text = xunwang_checks::Normalized::new("欢迎访问示例市人民政付网站");
        let found: Vec<_> = lexicon
            .scan(&text)
            .iter()
            .map(|m| m.term.text.clone())
            .collect();
        assert_eq!(found, ["示例市人民政付"]);
        // The shipped words are still there.
        let text = xunwang_checks::Normalized::new("365bet");
        assert_eq!(lexicon.scan(&text).len(), 1);

        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "category = \"name\"\n[[pairs]]\nwrng = \"x\"\n").unwrap();
        let e = format!(
            "{:#}",
            load_lexicon(std::slice::from_ref(&bad)).unwrap_err()
        );
        assert!(e.contains("bad.toml") && e.contains("wrng"), "{e}");
        let e = format!(
            "{:#}",
            load_lexicon(&[dir.join("absent.toml")]).unwrap_err()
        );
        assert!(e.contains("absent.toml"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mistakes_are_errors_naming_where() {
        let e = format!("{:#}", parse("[page]\nplaceholder = [\"x\"]").unwrap_err());
        assert!(e.contains("placeholder"), "{e}");
        let e = format!("{:#}", parse("page = 3").unwrap_err());
        assert!(e.contains("[page]"), "{e}");
        let e = format!(
            "{:#}",
            parse("[windows]\nnews = \"two weeks\"").unwrap_err()
        );
        assert!(e.contains("two weeks"), "{e}");
    }
}
