//! Sitemaps (<https://www.sitemaps.org/protocol.html>): XML `urlset` / `sitemapindex`, and the
//! plain-text form (one URL per line).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::ExtractError;

/// A sitemap: either a urlset (page URLs) or a sitemapindex (child sitemaps).
///
/// URLs are returned as written (entities and CDATA resolved, whitespace trimmed), in document
/// order; the protocol requires absolute URLs, and resolving or filtering them is the crawler's
/// job.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sitemap {
    /// `<loc>` of every `<url>` (or every line of a plain-text sitemap).
    pub urls: Vec<String>,
    /// `<loc>` of every `<sitemap>` of a sitemap index.
    pub sitemaps: Vec<String>,
}

/// Parses a sitemap body (already inflated if it was `.xml.gz`).
///
/// XML is read by element position, whatever the namespace or prefix: `url/loc` goes to
/// [`Sitemap::urls`] and `sitemap/loc` to [`Sitemap::sitemaps`], directly under a root
/// `urlset` or `sitemapindex`; extension elements such as `image:image/image:loc` are ignored.
/// The text is decoded by BOM, then the XML declaration's `encoding`, then UTF-8 (lossy).
/// A body whose first non-blank character is not `<` is a plain-text sitemap: one URL per
/// line, blank lines and `#` comment lines skipped. An empty body is an empty sitemap.
///
/// # Errors
///
/// [`ExtractError::SitemapCompressed`] for gzip bytes, [`ExtractError::SitemapBinary`] for
/// other binary data, [`ExtractError::SitemapXml`] for malformed or truncated XML, and
/// [`ExtractError::NotASitemap`] for XML with another root element (an HTML error page, a feed).
pub fn parse_sitemap(xml: &[u8]) -> Result<Sitemap, ExtractError> {
    if xml.starts_with(&[0x1f, 0x8b]) {
        return Err(ExtractError::SitemapCompressed);
    }
    let text = decode(xml);
    if text.contains('\0') {
        return Err(ExtractError::SitemapBinary);
    }
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if body.starts_with('<') {
        parse_xml(body)
    } else {
        Ok(parse_text(body))
    }
}

/// Decodes the body: BOM, else the XML declaration's `encoding`, else UTF-8 (lossy).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0;
    }
    let encoding = declared_encoding(bytes)
        // A UTF-16 label in a document we could read as ASCII is wrong (as in HTML).
        .filter(|e| *e != UTF_16LE && *e != UTF_16BE)
        .unwrap_or(UTF_8);
    encoding.decode_without_bom_handling(bytes).0
}

/// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let label = &value[..value.find(quote)?];
    Encoding::for_label(label.trim().as_bytes())
}

fn parse_text(body: &str) -> Sitemap {
    let urls = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    Sitemap {
        urls,
        sitemaps: Vec::new(),
    }
}

/// Where a `<loc>` being read goes.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Url,
    Sitemap,
}

fn parse_xml(body: &str) -> Result<Sitemap, ExtractError> {
    let mut reader = Reader::from_str(body);
    let mut sitemap = Sitemap::default();
    // Local names of the open elements.
    let mut stack: Vec<String> = Vec::new();
    // The `<loc>` being read and its text so far.
    let mut loc: Option<(Target, String, usize)> = None;
    let malformed = |reader: &Reader<&[u8]>, message: String| ExtractError::SitemapXml {
        position: reader.error_position(),
        message,
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(&reader, e.to_string()))?;
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_string();
                if stack.is_empty() && name != "urlset" && name != "sitemapindex" {
                    return Err(ExtractError::NotASitemap { root: name });
                }
                if name == "loc" && stack.len() == 2 && loc.is_none() {
                    let target = match stack[1].as_str() {
                        "url" => Some(Target::Url),
                        "sitemap" => Some(Target::Sitemap),
                        _ => None,
                    };
                    if let Some(target) = target {
                        loc = Some((target, String::new(), stack.len()));
                    }
                }
                stack.push(name);
            }
            Event::Empty(start) => {
                if stack.is_empty() {
                    let name = start.local_name().as_ref().to_string();
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(ExtractError::NotASitemap { root: name });
                    }
                    return Ok(sitemap);
                }
            }
            Event::End(_) => {
                stack.pop();
                if let Some((target, text, depth)) = loc.take() {
                    if depth == stack.len() {
                        let url = text.trim();
                        if !url.is_empty() {
                            match target {
                                Target::Url => sitemap.urls.push(url.to_string()),
                                Target::Sitemap => sitemap.sitemaps.push(url.to_string()),
                            }
                        }
                    } else {
                        loc = Some((target, text, depth));
                    }
                }
                if stack.is_empty() {
                    return Ok(sitemap);
                }
            }
            Event::Text(text) => {
                if let Some((_, buf, _)) = loc.as_mut() {
                    buf.push_str(&text.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(cdata) => {
                if let Some((_, buf, _)) = loc.as_mut() {
                    buf.push_str(&cdata.into_inner());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some((_, buf, _)) = loc.as_mut() {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        Ok(None) => match reference.as_ref() {
                            "amp" => buf.push('&'),
                            "lt" => buf.push('<'),
                            "gt" => buf.push('>'),
                            "apos" => buf.push('\''),
                            "quot" => buf.push('"'),
                            other => {
                                buf.push('&');
                                buf.push_str(other);
                                buf.push(';');
                            }
                        },
                        Err(e) => return Err(malformed(&reader, e.to_string())),
                    }
                }
            }
            Event::Eof => {
                return Err(match stack.last() {
                    Some(open) => malformed(
                        &reader,
                        format!("unexpected end of input: <{open}> is not closed"),
                    ),
                    None => malformed(&reader, "no root element".to_string()),
                });
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(xml: &str) -> Vec<String> {
        parse_sitemap(xml.as_bytes()).unwrap().urls
    }

    #[test]
    fn urlset_locs_are_returned_in_order() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.gov.cn/</loc><lastmod>2023-07-01</lastmod></url>
  <url>
     <loc>
        https://www.example.gov.cn/xxgk/
     </loc>
  </url>
</urlset>"#;
        let sitemap = parse_sitemap(xml.as_bytes()).unwrap();
        assert_eq!(
            sitemap.urls,
            [
                "https://www.example.gov.cn/",
                "https://www.example.gov.cn/xxgk/"
            ]
        );
        assert!(sitemap.sitemaps.is_empty());
    }

    #[test]
    fn sitemapindex_locs_are_child_sitemaps() {
        let xml = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.gov.cn/sitemap1.xml</loc><lastmod>2023-01-01</lastmod></sitemap>
<sitemap><loc>sitemap2.xml</loc></sitemap></sitemapindex>"#;
        let sitemap = parse_sitemap(xml.as_bytes()).unwrap();
        assert_eq!(
            sitemap.sitemaps,
            ["https://a.gov.cn/sitemap1.xml", "sitemap2.xml"]
        );
        assert!(sitemap.urls.is_empty());
    }

    #[test]
    fn prefixed_namespaces_and_extension_locs() {
        let xml = r#"<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<sm:url><sm:loc>https://a.gov.cn/p</sm:loc>
<image:image><image:loc>https://a.gov.cn/i.jpg</image:loc></image:image></sm:url>
</sm:urlset>"#;
        assert_eq!(urls(xml), ["https://a.gov.cn/p"]);
    }

    #[test]
    fn cdata_and_entities_are_resolved() {
        let xml = "<urlset><url><loc><![CDATA[https://a.gov.cn/?a=1&b=2]]></loc></url>\
<url><loc>https://a.gov.cn/?a=1&amp;b=2&#38;c=&#x4e2d;&apos;</loc></url></urlset>";
        assert_eq!(
            urls(xml),
            [
                "https://a.gov.cn/?a=1&b=2",
                "https://a.gov.cn/?a=1&b=2&c=中'"
            ]
        );
    }

    #[test]
    fn plain_text_sitemap_has_one_url_per_line() {
        let text = "\u{FEFF}https://a.gov.cn/1\r\n\n  https://a.gov.cn/2  \n# comment\n";
        assert_eq!(
            parse_sitemap(text.as_bytes()).unwrap().urls,
            ["https://a.gov.cn/1", "https://a.gov.cn/2"]
        );
    }

    #[test]
    fn empty_body_is_an_empty_sitemap() {
        assert_eq!(parse_sitemap(b"").unwrap(), Sitemap::default());
        assert_eq!(parse_sitemap(b"  \n").unwrap(), Sitemap::default());
    }

    #[test]
    fn broken_xml_is_an_error() {
        for xml in [
            "<urlset><url><loc>https://a/</loc></url>",
            "<urlset><url><loc>https://a/</url></urlset>",
            "<urlset><url><loc>https://a/&bogus</loc></url></urlset>",
            "<urlset><url><loc>x</loc></url></urlset",
            "<urlset><url><loc>x<!-- </loc></url></urlset>",
        ] {
            let err = parse_sitemap(xml.as_bytes()).unwrap_err();
            assert!(
                matches!(err, ExtractError::SitemapXml { .. }),
                "{xml}: {err:?}"
            );
            assert!(err.to_string().contains("sitemap XML is malformed"));
        }
    }

    #[test]
    fn html_and_feeds_are_not_sitemaps() {
        let err = parse_sitemap(b"<html><body>404</body></html>").unwrap_err();
        assert!(matches!(err, ExtractError::NotASitemap { ref root } if root == "html"));
        let err = parse_sitemap(b"<?xml version='1.0'?><rss><channel/></rss>").unwrap_err();
        assert!(matches!(err, ExtractError::NotASitemap { ref root } if root == "rss"));
    }

    #[test]
    fn gzip_and_binary_bodies_are_rejected() {
        assert!(matches!(
            parse_sitemap(&[0x1f, 0x8b, 8, 0]),
            Err(ExtractError::SitemapCompressed)
        ));
        assert!(matches!(
            parse_sitemap(b"abc\0def"),
            Err(ExtractError::SitemapBinary)
        ));
    }

    #[test]
    fn declared_gbk_encoding_is_honoured() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><urlset><url><loc>https://a.gov.cn/通知</loc></url></urlset>");
        assert_eq!(urls_bytes(&bytes), ["https://a.gov.cn/通知"]);
    }

    fn urls_bytes(b: &[u8]) -> Vec<String> {
        parse_sitemap(b).unwrap().urls
    }
}
