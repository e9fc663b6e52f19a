//! The only HTTP client of xunwang: timeouts, retries, recorded redirects, charset decoding, robots.txt, politeness per host and per IP, WAF detection
#![forbid(unsafe_code)]
#![deny(missing_docs)]
