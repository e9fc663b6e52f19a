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
