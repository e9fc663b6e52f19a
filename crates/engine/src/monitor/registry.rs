//! The site registry file (`xunwang sites import FILE`): CSV with a header line, or TOML with
//! `[[site]]` tables. Bad input is an error naming the line (STYLE: a crash is a bug).
//!
//! CSV columns (English or Chinese header names, any order; only `home` is required):
//! `name`/`名称`, `home`/`首页`/`网址`, `site_code`/`网站标识码`, `kind`/`类型`
//! (`portal`/`门户`, `department`/`部门`), `organizer`/`主办单位`, `region`/`地区`,
//! `parent`/`上级`, `aliases`/`别名` (separated by `;`, `；`, `|` or spaces),
//! `probe_every`/`探测间隔` (`10m`), `min_interval_ms`, `per_host`.
//!
//! ```
//! let text = "name,home,kind\n江城市人民政府,http://www.jiangcheng.gov.cn/,portal\n";
//! let sites = xunwang_engine::parse_registry(text, "sites.csv").unwrap();
//! assert_eq!(sites[0].home, "http://www.jiangcheng.gov.cn/");
//! ```

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;
use xunwang_store::{PolitenessOverride, RegistryEntry, SiteKind};

use crate::monitor::sites::normalize_home;

/// A registry file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// A line or entry is wrong.
    #[error("{origin} 第 {line} 行：{reason}")]
    Line {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The TOML is malformed (the message names line and column).
    #[error("{origin}：TOML 格式错误：{reason}")]
    Toml {
        /// The file.
        origin: String,
        /// The parser's message.
        reason: String,
    },
    /// The file lists no site.
    #[error("{origin}：没有网站（CSV 需要表头行和至少一行数据；TOML 需要 [[site]] 表）")]
    Empty {
        /// The file.
        origin: String,
    },
}

/// Parses `"500ms"`, `"2s"`, `"30m"`, `"1h"`, `"7d"` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let s = text.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("时长 `{text}` 无法解析，应写作如 500ms、30s、30m、1h、7d"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86_400.0,
        other => {
            return Err(format!(
                "时长 `{text}` 的单位 `{other}` 无效，可用 ms、s、m、h、d"
            ));
        }
    };
    if !secs.is_finite() || secs <= 0.0 || secs > 1e9 {
        return Err(format!("时长 `{text}` 超出范围"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Parses a registry file: TOML when `origin` ends in `.toml` or the text starts with a
/// table, else CSV.
pub fn parse_registry(text: &str, origin: &str) -> Result<Vec<RegistryEntry>, RegistryError> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let toml =
        origin.to_ascii_lowercase().ends_with(".toml") || first.is_some_and(|l| l.starts_with('['));
    let entries = if toml {
        parse_toml(text, origin)?
    } else {
        parse_csv(text, origin)?
    };
    if entries.is_empty() {
        return Err(RegistryError::Empty {
            origin: origin.to_owned(),
        });
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, e) in &entries {
        if let Some(prev) = seen.insert(e.home.clone(), *line) {
            return Err(RegistryError::Line {
                origin: origin.to_owned(),
                line: *line,
                reason: format!("首页 {} 与第 {prev} 行重复", e.home),
            });
        }
    }
    Ok(entries.into_iter().map(|(_, e)| e).collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    site: Vec<TomlSite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlSite {
    home: String,
    name: Option<String>,
    site_code: Option<String>,
    kind: Option<String>,
    organizer: Option<String>,
    region: Option<String>,
    parent: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    politeness: Option<TomlPoliteness>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlPoliteness {
    probe_every: Option<String>,
    min_interval_ms: Option<u64>,
    per_host: Option<u32>,
}

fn parse_toml(text: &str, origin: &str) -> Result<Vec<(usize, RegistryEntry)>, RegistryError> {
    let file: TomlFile = toml::from_str(text).map_err(|e| RegistryError::Toml {
        origin: origin.to_owned(),
        reason: e.to_string(),
    })?;
    // The line of the n-th `[[site]]` header, for error messages.
    let headers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim().starts_with("[[site]]"))
        .map(|(i, _)| i + 1)
        .collect();
    file.site
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let line = headers.get(i).copied().unwrap_or(1);
            let bad = |reason: String| RegistryError::Line {
                origin: origin.to_owned(),
                line,
                reason,
            };
            let mut fields = Fields {
                name: s.name,
                home: Some(s.home),
                site_code: s.site_code,
                kind: s.kind,
                organizer: s.organizer,
                region: s.region,
                parent: s.parent,
                aliases: s.aliases,
                ..Fields::default()
            };
            if let Some(p) = s.politeness {
                fields.probe_every = p.probe_every;
                fields.min_interval_ms = p.min_interval_ms.map(|v| v.to_string());
                fields.per_host = p.per_host.map(|v| v.to_string());
            }
            Ok((line, fields.entry().map_err(bad)?))
        })
        .collect()
}

#[derive(Default)]
struct Fields {
    name: Option<String>,
    home: Option<String>,
    site_code: Option<String>,
    kind: Option<String>,
    organizer: Option<String>,
    region: Option<String>,
    parent: Option<String>,
    aliases: Vec<String>,
    probe_every: Option<String>,
    min_interval_ms: Option<String>,
    per_host: Option<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Fields {
    fn entry(self) -> Result<RegistryEntry, String> {
        let home = non_empty(self.home).ok_or("缺少首页地址（home）")?;
        let home = normalize_home(&home).map_err(|e| e.to_string())?;
        let kind = match non_empty(self.kind) {
            Some(k) => Some(SiteKind::parse(&k).ok_or_else(|| {
                format!("网站类型 `{k}` 无效，应为 portal（门户）或 department（部门）")
            })?),
            None => None,
        };
        let site_code = non_empty(self.site_code);
        if let Some(code) = &site_code
            && !code.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(format!("网站标识码 `{code}` 只能含字母和数字"));
        }
        let probe_every = match non_empty(self.probe_every) {
            Some(s) => Some(parse_duration(&s)?.as_secs().max(1)),
            None => None,
        };
        let number = |what: &str, v: Option<String>| -> Result<Option<u64>, String> {
            non_empty(v)
                .map(|s| {
                    s.parse::<u64>()
                        .map_err(|_| format!("{what} `{s}` 不是非负整数"))
                })
                .transpose()
        };
        let min_interval_ms = number("最小间隔（min_interval_ms）", self.min_interval_ms)?;
        let per_host = number("并发数（per_host）", self.per_host)?
            .map(|v| u32::try_from(v).map_err(|_| format!("并发数 {v} 过大")))
            .transpose()?;
        Ok(RegistryEntry {
            home,
            name: non_empty(self.name),
            site_code,
            kind,
            organizer: non_empty(self.organizer),
            region: non_empty(self.region),
            parent: non_empty(self.parent),
            aliases: self
                .aliases
                .into_iter()
                .map(|a| a.trim().to_ascii_lowercase())
                .filter(|a| !a.is_empty())
                .collect(),
            politeness: PolitenessOverride {
                probe_every_secs: probe_every,
                min_interval_ms,
                per_host,
            },
        })
    }
}

/// The field a CSV header names.
fn column_of(header: &str) -> Option<&'static str> {
    let h = header.trim().to_ascii_lowercase();
    Some(match h.as_str() {
        "name" | "名称" | "网站名称" => "name",
        "home" | "url" | "首页" | "网址" | "首页地址" => "home",
        "site_code" | "code" | "网站标识码" | "标识码" => "site_code",
        "kind" | "type" | "类型" | "网站类型" => "kind",
        "organizer" | "主办单位" => "organizer",
        "region" | "地区" | "行政区划" => "region",
        "parent" | "上级" | "上级单位" => "parent",
        "aliases" | "alias" | "别名" => "aliases",
        "probe_every" | "探测间隔" => "probe_every",
        "min_interval_ms" | "最小间隔" => "min_interval_ms",
        "per_host" | "并发数" => "per_host",
        _ => return None,
    })
}

/// Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes doubled,
/// and line breaks), each with the line it starts on.
fn csv_records(text: &str, origin: &str) -> Result<Vec<(usize, Vec<String>)>, RegistryError> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, '"') => {
                return Err(RegistryError::Line {
                    origin: origin.to_owned(),
                    line,
                    reason: "引号只能出现在字段开头（字段内的引号请写成两个 \"\"）".into(),
                });
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut record)));
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(RegistryError::Line {
            origin: origin.to_owned(),
            line: start,
            reason: "引号未闭合".into(),
        });
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start, record));
    }
    Ok(out
        .into_iter()
        .filter(|(_, r)| {
            let first = r.first().map(|f| f.trim()).unwrap_or("");
            !(r.iter().all(|f| f.trim().is_empty()) || (r.len() == 1 && first.starts_with('#')))
        })
        .collect())
}

fn parse_csv(text: &str, origin: &str) -> Result<Vec<(usize, RegistryEntry)>, RegistryError> {
    let mut records = csv_records(text, origin)?.into_iter();
    let Some((header_line, header)) = records.next() else {
        return Ok(Vec::new());
    };
    let bad = |line, reason: String| RegistryError::Line {
        origin: origin.to_owned(),
        line,
        reason,
    };
    let columns: Vec<&'static str> = header
        .iter()
        .map(|h| {
            column_of(h).ok_or_else(|| {
                bad(
                    header_line,
                    format!(
                        "未知的列名 `{}`；可用：name, home, site_code, kind, organizer, region, parent, aliases, probe_every, min_interval_ms, per_host（或对应中文名）",
                        h.trim()
                    ),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    if !columns.contains(&"home") {
        return Err(bad(
            header_line,
            "表头缺少首页列（home / 首页 / 网址）".into(),
        ));
    }
    let mut out = Vec::new();
    for (line, record) in records {
        if record.len() > columns.len() {
            return Err(bad(
                line,
                format!("有 {} 个字段，表头只有 {} 列", record.len(), columns.len()),
            ));
        }
        let mut f = Fields::default();
        for (col, value) in columns.iter().zip(record) {
            if *col == "aliases" {
                f.aliases = value
                    .split([';', '；', '|', ' '])
                    .map(str::to_owned)
                    .collect();
                continue;
            }
            let v = Some(value);
            match *col {
                "name" => f.name = v,
                "home" => f.home = v,
                "site_code" => f.site_code = v,
                "kind" => f.kind = v,
                "organizer" => f.organizer = v,
                "region" => f.region = v,
                "parent" => f.parent = v,
                "probe_every" => f.probe_every = v,
                "min_interval_ms" => f.min_interval_ms = v,
                _ => f.per_host = v,
            }
        }
        out.push((line, f.entry().map_err(|r| bad(line, r))?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_chinese_headers_quotes_and_aliases_is_read() {
        let text = "名称,首页,网站标识码,类型,主办单位,别名,探测间隔\n\
            江城市人民政府,http://WWW.Jiangcheng.gov.cn,4201000001,门户,\"江城市人民政府办公厅, 信息中心\",jiangcheng.gov.cn;m.jiangcheng.gov.cn,10m\n\
            \n\
            江城市教育局,http://jyj.jiangcheng.gov.cn/,,department,,,\n";
        let sites = parse_registry(text, "sites.csv").unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[0].home, "http://www.jiangcheng.gov.cn/");
        assert_eq!(sites[0].kind, Some(SiteKind::Portal));
        assert_eq!(
            sites[0].organizer.as_deref(),
            Some("江城市人民政府办公厅, 信息中心")
        );
        assert_eq!(
            sites[0].aliases,
            ["jiangcheng.gov.cn", "m.jiangcheng.gov.cn"]
        );
        assert_eq!(sites[0].politeness.probe_every_secs, Some(600));
        assert_eq!(sites[1].site_code, None);
        assert_eq!(sites[1].kind, Some(SiteKind::Department));
    }

    #[test]
    fn a_bad_csv_line_is_named() {
        let text = "name,home,kind\nA,http://a.gov.cn/,portal\nB,ftp://b.gov.cn/,portal\n";
        let e = parse_registry(text, "s.csv").unwrap_err().to_string();
        assert!(e.contains("s.csv 第 3 行"), "{e}");
        let text = "name,home,kind\nA,http://a.gov.cn/,bureau\n";
        let e = parse_registry(text, "s.csv").unwrap_err().to_string();
        assert!(e.contains("第 2 行") && e.contains("bureau"), "{e}");
        let e = parse_registry("name,homepage\n", "s.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("第 1 行") && e.contains("homepage"), "{e}");
        let text = "name,home\nA,http://a.gov.cn/\nB,http://A.gov.cn\n";
        let e = parse_registry(text, "s.csv").unwrap_err().to_string();
        assert!(e.contains("第 3 行") && e.contains("第 2 行"), "{e}");
        let e = parse_registry("name,home\n\"A,http://a.gov.cn/\n", "s.csv")
            .unwrap_err()
            .to_string();
        assert!(e.contains("引号未闭合"), "{e}");
    }

    #[test]
    fn toml_sites_with_politeness_are_read_and_errors_name_the_entry_line() {
        let text = r#"
[[site]]
name = "江城市人民政府"
home = "http://www.jiangcheng.gov.cn/"
kind = "portal"
aliases = ["jiangcheng.gov.cn"]
politeness = { probe_every = "15m", min_interval_ms = 500, per_host = 1 }

[[site]]
home = "http://fgw.jiangcheng.gov.cn/"
kind = "部门"
"#;
        let sites = parse_registry(text, "sites.toml").unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[0].politeness.probe_every_secs, Some(900));
        assert_eq!(sites[0].politeness.per_host, Some(1));
        assert_eq!(sites[1].kind, Some(SiteKind::Department));
        let bad = "[[site]]\nhome = \"http://a.gov.cn/\"\n\n[[site]]\nhome = \"http://b.gov.cn/\"\nkind = \"x\"\n";
        let e = parse_registry(bad, "s.toml").unwrap_err().to_string();
        assert!(e.contains("第 4 行"), "{e}");
        let e = parse_registry("[[site]]\nhome = 3\n", "s.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse_duration("7d").unwrap(), Duration::from_secs(604_800));
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(parse_duration("0s").is_err());
    }
}
