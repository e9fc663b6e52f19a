//! The DOCX sinks: the text states the numbers, the XML is well-formed, LibreOffice opens it.

mod common;

use common::{assert_well_formed, chongqing_like, docx_text, office, zip_entry};
use xunwang_report::{bulletin_docx, sample_bulletin, site_sheet_docx};

fn bulletin_text(b: &xunwang_report::Bulletin) -> String {
    let bytes = bulletin_docx(b).expect("docx renders");
    let xml = zip_entry(&bytes, "word/document.xml");
    assert_well_formed(&xml);
    docx_text(&xml)
}

#[test]
fn bulletin_states_checked_passed_and_rate_of_an_85_of_88_quarter() {
    let text = bulletin_text(&chongqing_like());
    assert!(text.contains("政府网站88个、政务新媒体1146个"), "{text}");
    assert!(text.contains("抽查比例100%"), "{text}");
    assert!(
        text.contains("合格网站85个、合格政务新媒体1143个"),
        "{text}"
    );
    assert!(text.contains("总体合格率分别为96.6%、99.7%"), "{text}");
}

#[test]
fn bulletin_has_the_three_headings_and_the_sites_of_the_110_band() {
    let b = sample_bulletin();
    let text = bulletin_text(&b);
    for h in [
        "一、总体情况",
        "二、存在问题",
        "三、工作要求",
        "（一）空白栏目",
        "（四）互动回应不及时",
    ] {
        assert!(text.contains(h), "missing {h}");
    }
    assert!(
        text.contains("得分110分及以上的网站有3个，分别是：××市人民政府门户网站、××市发展和改革委员会、××市人力资源和社会保障局；"),
        "{text}"
    );
    assert!(text.contains(
        "得分在100—110分的网站有3个，分别是：××市交通局、××市教育委员会、××市卫生健康委员会"
    ));
    assert!(
        text.contains("××市××区人民政府（站点无法访问"),
        "the vetoed site and why"
    );
    assert!(text.contains("××市农业农村委员会（扣分指标得分56分，低于60分）"));
    assert!(
        text.contains("与2023年第一季度相比，政府网站合格率上升8.3个百分点（上期为75.0%）"),
        "{text}"
    );
    assert!(
        text.contains("2023年7月31日前完成整改"),
        "the deadline sentence"
    );
    assert!(
        text.contains("××市人民政府办公室\n2023年7月11日"),
        "signature"
    );
    assert!(
        text.contains("（网址：https://wsjkw.xx.gov.cn/zcjd/）"),
        "examples quote the URL"
    );
    // Attachment tables.
    assert!(text.contains("附件1") && text.contains("附件2"));
    assert!(text.contains("110分及以上\n3\n"), "band table row");
    assert!(text.contains("不再评分"), "vetoed site has no score");
}

#[test]
fn bulletin_without_accounts_says_nothing_about_new_media_numbers() {
    let mut b = chongqing_like();
    b.overall.accounts_total = 0;
    b.overall.accounts_checked = 0;
    b.overall.accounts_passed = 0;
    if let Some(p) = b.previous.as_mut() {
        p.accounts_checked = 0;
    }
    let text = bulletin_text(&b);
    assert!(
        text.contains("共检查全市政府网站88个，抽查比例100%，合格85个，总体合格率为96.6%。"),
        "{text}"
    );
    assert!(!text.contains("政务新媒体0个"));
    assert!(!text.contains("政务新媒体合格率"));
    assert!(
        text.contains("对全市政府网站开展了检查"),
        "the opening leaves accounts out too"
    );
}

#[test]
fn bulletin_page_setup_follows_gb_t_9704() {
    let bytes = bulletin_docx(&sample_bulletin()).unwrap();
    let xml = zip_entry(&bytes, "word/document.xml");
    // A4 and margins 37/35/28/26 mm in twips.
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4"
    );
    for m in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(xml.contains(m), "margin {m}");
    }
    assert!(xml.contains(r#"w:eastAsia="方正小标宋简体""#), "title font");
    assert!(xml.contains(r#"w:eastAsia="黑体""#) && xml.contains(r#"w:eastAsia="楷体_GB2312""#));
    assert!(
        xml.contains(r#"w:line="579" w:lineRule="exact""#),
        "28.95 pt exact line pitch"
    );
    assert!(
        xml.contains(r#"w:firstLine="640""#),
        "first-line indent of two 16 pt characters"
    );
    let styles = zip_entry(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"w:eastAsia="仿宋_GB2312""#),
        "body font is the document default"
    );
    let footers: String = (1..=2)
        .map(|i| zip_entry(&bytes, &format!("word/footer{i}.xml")))
        .collect();
    assert!(
        footers.contains("PAGE") && footers.contains("— "),
        "page numbers in the footer"
    );
}

#[test]
fn site_sheet_lists_vetoes_first_then_deductions_and_marks_unverified_values() {
    let b = sample_bulletin();
    let s = b.sites.iter().find(|s| s.name == "××市民政局").unwrap();
    let bytes = site_sheet_docx(s, &b.period).unwrap();
    let xml = zip_entry(&bytes, "word/document.xml");
    assert_well_formed(&xml);
    let text = docx_text(&xml);
    let veto = text.find("一、单项否决指标").unwrap();
    let deduct = text.find("二、扣分指标").unwrap();
    let bonus = text.find("三、加分指标").unwrap();
    assert!(veto < deduct && deduct < bonus);
    assert!(text.contains("2※"), "unverified points are marked");
    assert!(text.contains("标“※”的分值为可配置默认值"), "legend");
    assert!(text.contains("（人工录入：李四）"));
    assert!(
        text.contains("合计：扣分12分，加分0分，总分88分。"),
        "{text}"
    );
    assert!(
        text.contains("专题已按要求归档下线") && text.contains("张三"),
        "dismissed finding with who"
    );
    assert!(text.contains("https://mzj.xx.gov.cn/zcjd/"), "evidence URL");
}

#[test]
fn site_sheet_of_a_vetoed_site_is_not_scored() {
    let b = sample_bulletin();
    let s = b.sites.iter().find(|s| s.score.is_none()).unwrap();
    let text = docx_text(&zip_entry(
        &site_sheet_docx(s, &b.period).unwrap(),
        "word/document.xml",
    ));
    assert!(text.contains("检查结论：不合格"));
    assert!(text.contains("否决"), "the veto row is marked hit");
    assert!(text.contains("不再对扣分指标和加分指标评分"));
    assert!(!text.contains("三、加分指标"));
}

#[test]
fn libreoffice_converts_the_bulletin_to_a_non_empty_pdf() {
    let Some(office) = office() else {
        println!("skipped: libreoffice not installed");
        return;
    };
    let dir = std::env::temp_dir().join(format!("xunwang-report-lo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("bulletin.docx");
    std::fs::write(&docx, bulletin_docx(&sample_bulletin()).unwrap()).unwrap();
    // A private profile, so a concurrent LibreOffice (or test) does not lock this one out.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = std::process::Command::new(office)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&docx)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("libreoffice runs");
    assert!(status.success());
    let pdf = std::fs::read(dir.join("bulletin.pdf")).expect("PDF written");
    assert!(
        pdf.len() > 10_000 && pdf.starts_with(b"%PDF"),
        "{} bytes",
        pdf.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_signature_keeps_with_the_last_body_paragraph() {
    // GB/T 9704: 成文日期 and 署名 never stand on a page without body text. Every paragraph from
    // the last body paragraph to the issuer line keeps with the next.
    let xml = zip_entry(
        &xunwang_report::bulletin_docx(&xunwang_report::sample_bulletin()).unwrap(),
        "word/document.xml",
    );
    let paragraphs: Vec<&str> = xml.split("<w:p ").collect();
    let attach = paragraphs
        .iter()
        .position(|p| p.contains("附件："))
        .expect("an attachment list");
    let issuer = paragraphs
        .iter()
        .skip(attach)
        .position(|p| p.contains("人民政府办公室") || p.contains("办公厅"))
        .map(|n| n + attach)
        .expect("a signature");
    let last_body = paragraphs[..attach]
        .iter()
        .rposition(|p| p.contains("<w:t"))
        .unwrap();
    for p in &paragraphs[last_body..issuer] {
        assert!(p.contains("<w:keepNext"), "{p}");
    }
    assert!(paragraphs[issuer].contains("<w:keepNext"));
}

#[test]
fn every_tables_header_row_repeats_on_each_page() {
    let mut b = sample_bulletin();
    let site = b.sites[0].clone();
    b.sites = (0..90)
        .map(|i| {
            let mut s = site.clone();
            s.name = format!("{}{i}", s.name);
            s
        })
        .collect();
    let bytes = bulletin_docx(&b).unwrap();
    let xml = zip_entry(&bytes, "word/document.xml");
    assert_well_formed(&xml);
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() >= 2, "the two attachment tables");
    for t in &tables {
        let rows: Vec<&str> = t.split("<w:tr>").skip(1).collect();
        assert!(
            rows[0].contains("<w:tblHeader />"),
            "the header row repeats"
        );
        assert!(
            rows[1..].iter().all(|r| !r.contains("<w:tblHeader")),
            "only the header row"
        );
    }
    // The rest of the package is copied unchanged.
    for part in ["word/styles.xml", "word/footer1.xml", "[Content_Types].xml"] {
        assert!(!zip_entry(&bytes, part).is_empty(), "{part}");
    }
    assert!(docx_text(&xml).contains("附件2") || docx_text(&xml).contains("附件 2"));
}
