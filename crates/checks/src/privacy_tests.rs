use super::*;
use PersonalKind::{BankCard, IdNumber, Mobile};

/// The GB 11643-1999 check character of 17 digits, computed here from the standard's formula.
fn check_char(body: &str) -> char {
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * ((1u32 << (17 - i)) % 11))
        .sum();
    "10X98765432".chars().nth((sum % 11) as usize).unwrap()
}

/// `(kind, value as written, masked)` of every hit.
fn hits(text: &str) -> Vec<(PersonalKind, &str, String)> {
    find_personal(text)
        .into_iter()
        .map(|h| (h.kind, &text[h.range], h.masked))
        .collect()
}

fn kinds(text: &str) -> Vec<PersonalKind> {
    find_personal(text).into_iter().map(|h| h.kind).collect()
}

#[test]
fn textbook_id_number_11010519491231002x_is_found_and_masked() {
    let text = "公示：申请人张某，身份证号码11010519491231002X，现予公示。";
    assert_eq!(
        hits(text),
        [(IdNumber, "11010519491231002X", "110105********002X".into())]
    );
    // The check character may be written in lower case.
    assert_eq!(kinds("身份证号：11010519491231002x。"), [IdNumber]);
}

#[test]
fn every_check_character_is_accepted_and_every_other_is_rejected() {
    let mut seen = std::collections::BTreeSet::new();
    for seq in 0..1000 {
        let body = format!("32010219880808{seq:03}");
        let check = check_char(&body);
        if !seen.insert(check) {
            continue;
        }
        let id = format!("{body}{check}");
        assert_eq!(kinds(&format!("证件号码：{id}")), [IdNumber], "{id}");
        for wrong in "0123456789X".chars().filter(|&c| c != check) {
            let text = format!("证件号码：{body}{wrong}");
            assert!(find_personal(&text).is_empty(), "{text}");
        }
    }
    assert_eq!(seen.len(), 11, "one ID for each check character");
}

#[test]
fn id_number_with_a_wrong_check_digit_is_not_reported() {
    assert_eq!(kinds("身份证号：420102199003071232"), [IdNumber]);
    assert!(find_personal("身份证号：420102199003071234").is_empty());
}

#[test]
fn id_number_with_unknown_province_99_is_not_reported() {
    // Check digit correct, province code not in GB/T 2260.
    assert_eq!(check_char("99010219900307123"), '3');
    assert!(find_personal("身份证号：990102199003071233").is_empty());
}

#[test]
fn id_number_born_on_20230231_or_outside_1900_2099_is_not_reported() {
    for id in [
        "420102202302311237",
        "420102189912311230",
        "420102210101011238",
    ] {
        assert_eq!(check_char(&id[..17]), id.chars().last().unwrap());
        assert!(find_personal(&format!("身份证号：{id}")).is_empty(), "{id}");
    }
}

#[test]
fn credit_codes_and_labelled_numeric_codes_are_not_reported() {
    // 420102202301010010 and 420102199003071232 both pass every ID check.
    let text = "统一社会信用代码：91420100MA4K2XXX1Y\n\
        统一社会信用代码：420102202301010010\n\
        编号：420102202301010010\n\
        文号 420102199003071232\n\
        项目编码：420102199003071232\n\
        证书号：420102199003071232\n\
        备案号：420102199003071232";
    assert_eq!(hits(text), []);
}

#[test]
fn id_number_inside_a_longer_run_or_code_is_not_reported() {
    for text in [
        "1420102199003071232",
        "4201021990030712321",
        "A420102199003071232",
        "420102199003071232B",
        "XM-420102199003071232",
        "420102199003071232-01",
        "0.420102199003071232",
        "11010519491231002XY",
    ] {
        assert!(find_personal(text).is_empty(), "{text}");
    }
}

#[test]
fn personal_label_nearer_than_a_code_label_still_reports() {
    assert_eq!(kinds("编号3，身份证：420102199003071232"), [IdNumber]);
    // A label on the previous line (an xlsx header) names no value on this one.
    assert_eq!(kinds("文号\n13812345678"), [Mobile]);
}

#[test]
fn old_15_digit_id_number_needs_an_id_label() {
    assert_eq!(
        hits("身份证号：420102900307123"),
        [(IdNumber, "420102900307123", "420102*****7123".into())]
    );
    assert!(find_personal("420102900307123").is_empty());
    assert!(
        find_personal("身份证号：420102901307123").is_empty(),
        "month 13"
    );
}

#[test]
fn unionpay_card_after_a_payee_account_label_is_found() {
    assert_eq!(
        hits("收款人：李四，收款账号：6222021234567890128。"),
        [(
            BankCard,
            "6222021234567890128",
            "6222***********0128".into()
        )]
    );
    // 16, 17 and 18 digits too.
    for card in [
        "6222021234567894",
        "62220212345678903",
        "622202123456789012",
    ] {
        assert_eq!(kinds(&format!("账号：{card}")), [BankCard], "{card}");
    }
}

#[test]
fn same_card_digits_with_a_wrong_luhn_digit_are_not_reported() {
    assert!(find_personal("收款账号：6222021234567890127").is_empty());
}

#[test]
fn card_written_in_groups_of_four_is_found() {
    for text in ["6222 0212 3456 7890 128", "6222-0212-3456-7890-128"] {
        assert_eq!(
            hits(&format!("银行卡号：{text}。")),
            [(BankCard, text, "6222***********0128".into())]
        );
    }
    assert_eq!(kinds("6222 0212 3456 7894"), [BankCard]);
    // Groups that go on, or do not follow the pattern, are something else.
    assert!(find_personal("6222 0212 3456 7890 128 5").is_empty());
    assert!(find_personal("1 6222 0212 3456 7890 128").is_empty());
    assert!(find_personal("62220 212 3456 7890 128").is_empty());
}

#[test]
fn international_bins_need_a_card_label() {
    // Visa 4012888888881881 and Amex 378282246310005 are Luhn-valid.
    assert!(find_personal("4012888888881881").is_empty());
    assert!(find_personal("账号：4012888888881881").is_empty());
    assert_eq!(kinds("信用卡号：4012888888881881"), [BankCard]);
    assert!(find_personal("378282246310005").is_empty());
    assert_eq!(
        hits("银行卡号：3782 822463 10005"),
        [(BankCard, "3782 822463 10005", "3782*******0005".into())]
    );
}

#[test]
fn domestic_debit_bins_outside_62_are_found_at_their_length() {
    for card in [
        "9558801202106562334",
        "4367420012345678904",
        "6013820012345678908",
    ] {
        assert_eq!(kinds(card), [BankCard], "{card}");
    }
    // 95588 cards are 19 digits; a 16-digit Luhn-valid 95588… is not one.
    assert!(find_personal("9558801202106561").is_empty());
}

#[test]
fn a_number_that_is_a_valid_id_is_never_a_card() {
    // 620102199003070069: Gansu ID, also Luhn-valid with a UnionPay prefix.
    assert_eq!(kinds("620102199003070069"), [IdNumber]);
    assert!(find_personal("编号：620102199003070069").is_empty());
}

#[test]
fn mobile_inside_a_longer_number_or_code_is_not_reported() {
    for text in [
        "13812345678901",
        "013812345678",
        "A13812345678",
        "13812345678B",
        "TEL-13812345678",
        "13812345678-01",
    ] {
        assert!(find_personal(text).is_empty(), "{text}");
    }
    // A masked name glued to the number does not hide it.
    assert_eq!(kinds("张**13812345678"), [Mobile]);
}

#[test]
fn mobile_with_a_country_code_is_found() {
    for (text, value) in [
        ("+86 138 1234 5678", "138 1234 5678"),
        ("+86-138-1234-5678", "138-1234-5678"),
        ("+86-13812345678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("电话(86)13812345678", "13812345678"),
    ] {
        assert_eq!(
            hits(text),
            [(Mobile, value, "138****5678".into())],
            "{text}"
        );
    }
}

#[test]
fn mobile_written_with_separators_is_found() {
    for text in ["138-1234-5678", "138 1234 5678", "手机：138 1234 5678。"] {
        assert_eq!(kinds(text), [Mobile], "{text}");
    }
    assert!(find_personal("1 138 1234 5678").is_empty());
    assert!(find_personal("138 1234 56789").is_empty());
}

#[test]
fn landlines_are_not_mobiles() {
    for text in [
        "027-87654321",
        "（027）87654321",
        "0710-3456789",
        "02787654321",
        "电话：027-87654321转8001",
        "400-123-4567",
    ] {
        assert!(find_personal(text).is_empty(), "{text}");
    }
}

#[test]
fn every_non_personal_label_suppresses_a_number_after_it() {
    for label in NOT_PERSONAL_LABELS {
        for value in [
            "13812345678",
            "420102199003071232",
            "6222021234567890128",
            "138 1234 5678",
        ] {
            let text = format!("{label}：{value}");
            assert!(find_personal(&text).is_empty(), "{text}");
        }
    }
    assert!(find_personal("订单13812345678").is_empty());
    assert!(find_personal("交易流水号 13812345678").is_empty());
}

#[test]
fn quantities_amounts_and_serials_are_not_mobiles() {
    for text in [
        "总投资15000000000元",
        "15000000000 元",
        "第13812345678号",
        "￥13812345678",
        "13812345678.00",
        "12.13812345678",
    ] {
        assert!(find_personal(text).is_empty(), "{text}");
    }
}

#[test]
fn xlsx_row_yields_three_hits_with_their_masks() {
    let row = "3\t张**\t420102199003071232\t13812345678\t6222021234567890128\t800";
    assert_eq!(
        hits(row),
        [
            (IdNumber, "420102199003071232", "420102********1232".into()),
            (Mobile, "13812345678", "138****5678".into()),
            (
                BankCard,
                "6222021234567890128",
                "6222***********0128".into()
            ),
        ]
    );
    // The same row flattened with spaces.
    assert_eq!(kinds(&row.replace('\t', " ")), [IdNumber, Mobile, BankCard]);
}

#[test]
fn snippet_masks_every_neighbour_and_collapses_whitespace() {
    let row = "3\t张**\t420102199003071232\t13812345678\t6222021234567890128\t800";
    let snippets: Vec<String> = find_personal(row).into_iter().map(|h| h.snippet).collect();
    assert_eq!(
        snippets,
        [
            // The window ends inside the card, so it is widened to take the card whole.
            "3 张** 420102********1232 138****5678 6222***********0128",
            "张** 420102********1232 138****5678 6222***********0128 800",
            // The window starts inside the ID, so it is widened to take the ID whole.
            "420102********1232 138****5678 6222***********0128 800",
        ]
    );
}

#[test]
fn snippet_keeps_24_characters_either_side_and_never_cuts_a_neighbour() {
    let before = "甲".repeat(30);
    let after = "乙".repeat(30);
    let text = format!("{before}手机13812345678{after}");
    let h = &find_personal(&text)[0];
    assert_eq!(
        h.snippet,
        format!("{}手机138****5678{}", "甲".repeat(22), "乙".repeat(24))
    );
    // A neighbour 30 characters away is widened into the snippet whole, masked.
    let text = format!("13912345678{}手机13812345678", "丙".repeat(15));
    let found = find_personal(&text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[1].snippet,
        format!("139****5678{}手机138****5678", "丙".repeat(15))
    );
}

#[test]
fn masked_forms_are_not_reported() {
    for text in [
        "身份证号：420102********1234",
        "身份证号：4201**********1234",
        "身份证号：420102xxxxxxxx1234",
        "身份证号：420102××××××××1234",
        "身份证号：420102199003****",
        "联系电话：138****5678",
        "联系电话：138xxxx5678",
        "联系电话：138 **** 5678",
        "银行账号：6222 **** **** ***1234",
        "银行账号：6222************1234",
        "银行账号：622202123456789****",
    ] {
        assert!(find_personal(text).is_empty(), "{text}");
    }
}

#[test]
fn ordinary_government_page_has_no_personal_data() {
    let page = "关于印发《武汉市优化营商环境实施方案》的通知\n\
        鄂政办发〔2023〕12号\n\
        各区人民政府，市人民政府各部门：\n\
        经市人民政府同意，现将方案印发给你们，请认真贯彻执行。2023年5月6日起施行。\n\
        项目代码：2019-420102-47-03-012345，总投资12345678.90元，合同金额 1,234,567,890.00 元。\n\
        统一社会信用代码：11420000011116066K\n\
        联系电话：027-12345678，传真：027-87654321，邮编：430000。\n\
        地址：武汉市江岸区沿江大道188号，网站标识码4201000001，鄂ICP备05003304号，\
        鄂公网安备 42010202000123号。\n\
        附件：1.实施细则 2.任务分工表（20230506153012）\n\
        发布时间：2023-05-06 15:30:12 浏览次数：1024";
    assert_eq!(hits(page), []);
}

#[test]
fn hits_come_in_text_order_without_duplicates() {
    let text = "张三 13812345678；李四 身份证420102199003071232；\
        王五 6222021234567890128 139-1234-5678";
    let found = find_personal(text);
    assert_eq!(
        found.iter().map(|h| h.kind).collect::<Vec<_>>(),
        [Mobile, IdNumber, BankCard, Mobile]
    );
    assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
}

#[test]
fn mask_personal_keeps_the_documented_ends() {
    assert_eq!(
        mask_personal(IdNumber, "420102199003071232"),
        "420102********1232"
    );
    assert_eq!(
        mask_personal(IdNumber, "420102900307123"),
        "420102*****7123"
    );
    assert_eq!(mask_personal(Mobile, "13812345678"), "138****5678");
    assert_eq!(mask_personal(Mobile, "+86 138-1234-5678"), "138****5678");
    assert_eq!(mask_personal(Mobile, "008613812345678"), "138****5678");
    assert_eq!(
        mask_personal(BankCard, "6222 0212 3456 7890 128"),
        "6222***********0128"
    );
    assert_eq!(
        mask_personal(BankCard, "4012888888881881"),
        "4012********1881"
    );
    // Too short to keep both ends: nothing is shown.
    assert_eq!(mask_personal(Mobile, "1234567"), "*******");
}

#[test]
fn kind_serialises_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&[IdNumber, Mobile, BankCard]).unwrap(),
        r#"["id_number","mobile","bank_card"]"#
    );
}

#[test]
fn a_megabyte_page_yields_exactly_the_planted_hits() {
    let filler = "根据《中华人民共和国政府信息公开条例》第二十条，鄂政办发〔2023〕12号，\
        总投资12345678.90元，电话027-12345678，邮编430000。\n";
    let mut page = String::new();
    let mut planted = 0;
    while page.len() < 1 << 20 {
        page.push_str(filler);
        if page.len().is_multiple_of(7) {
            page.push_str("联系电话：13812345678\n");
            planted += 1;
        }
    }
    // Long runs of digits and of spaced digits are read once, not re-scanned.
    page.push_str(&"1234 ".repeat(10_000));
    page.push_str(&"9".repeat(100_000));
    let found = find_personal(&page);
    assert!(planted > 0);
    assert_eq!(found.len(), planted);
    assert!(found.iter().all(|h| h.kind == Mobile));
}
