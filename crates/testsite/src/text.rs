//! Chinese text for the sample sites: titles, paragraphs, names, and the planted strings
//! (spam terms, personal data, typos, outdated names) the faults are made of.
//!
//! The planted strings are realistic on purpose: the spam terms come from the hijacked
//! government pages listed in `spec/indicators.md` §0.1, the typos from the 错敏词 examples
//! in §4.10, and the personal numbers are checksum-valid so a detector cannot skip them.

use crate::rng::Rng;

pub(crate) const TOPICS: &[&str] = &[
    "安全生产",
    "营商环境优化",
    "乡村振兴",
    "生态环境保护",
    "防汛抗旱",
    "文明城市创建",
    "数字政府建设",
    "城市更新",
    "稳就业",
    "消费促进",
    "科技创新",
    "招商引资",
    "河湖长制",
    "森林防火",
    "食品安全",
    "义务教育",
    "养老服务",
    "政务公开",
    "一网通办",
    "老旧小区改造",
    "耕地保护",
    "交通综合治理",
    "民生实事",
    "优化政务服务",
];

const NEWS_TEMPLATES: &[&str] = &[
    "{org}召开{topic}工作推进会",
    "{org}开展{topic}专项行动",
    "市领导调研{topic}工作",
    "{org}部署{topic}重点任务",
    "{topic}工作取得阶段性成效",
    "{org}举办{topic}专题培训班",
    "{city}{topic}工作经验获省级推广",
    "{org}党组理论学习中心组开展专题学习",
];
const NOTICE_TEMPLATES: &[&str] = &[
    "关于开展{year}年度{topic}工作的通知",
    "关于{topic}有关事项的公告",
    "{year}年{topic}项目拟支持名单公示",
    "关于做好{topic}工作的通知",
    "关于征求《{city}{topic}实施方案（征求意见稿）》意见的公告",
];
const POLICY_TEMPLATES: &[&str] = &[
    "{city}人民政府办公室关于印发{city}{topic}实施方案的通知",
    "{city}{topic}管理办法",
    "关于进一步加强{topic}工作的实施意见",
    "{org}关于印发《{topic}工作规则》的通知",
];
const PERSONNEL_TEMPLATES: &[&str] = &[
    "{name}等同志任职前公示",
    "{org}{year}年公开招聘工作人员拟聘用人员公示",
    "关于{name}同志职务任免的通知",
];
const PLAN_TEMPLATES: &[&str] = &[
    "{org}{year}年工作计划",
    "{org}{year}年工作总结",
    "{city}{topic}三年行动计划（{year}—{year2}年）",
];
const STATS_TEMPLATES: &[&str] = &[
    "{year}年{month}月{city}经济运行情况",
    "{year}年{month}月{topic}主要指标",
    "{year}年1—{month}月{city}规模以上工业生产情况",
];

const SENTENCES: &[&str] = &[
    "会议强调，要坚持以人民为中心的发展思想，把各项工作抓细抓实。",
    "各级各部门要进一步提高政治站位，压紧压实工作责任。",
    "要聚焦群众急难愁盼问题，持续推动政策落地见效。",
    "会上通报了上半年重点工作进展情况，并对下一阶段工作作出安排。",
    "与会人员围绕工作推进中遇到的困难和问题进行了深入交流。",
    "下一步，将继续完善工作机制，强化督促检查，确保各项任务按期完成。",
    "此次活动共发放宣传资料三千余份，现场解答群众咨询二百余人次。",
    "请各单位高度重视，认真组织实施，并于规定时间内报送有关材料。",
    "本通知自印发之日起施行，由市人民政府办公室负责解释。",
    "各区县人民政府、市政府各部门要结合实际，制定具体落实措施。",
    "检查组一行实地察看了项目建设现场，详细了解工程进度和安全管理情况。",
    "要加强统筹协调，形成工作合力，营造良好社会氛围。",
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: &[&str] = &[
    "建国", "海燕", "志强", "丽华", "晓明", "文静", "国栋", "秀英", "伟", "敏", "磊", "静",
];

/// Gambling spam terms as injected into hijacked government pages (spec §0.1).
pub(crate) const GAMBLING_TERMS: &[&str] = &[
    "澳门金沙博彩娱乐平台",
    "365bet官网",
    "必赢体育",
    "足球365",
    "欧洲杯比赛投注",
    "ManBetX",
    "明升ms88注册",
];
/// Porn spam terms of the same pages.
pub(crate) const PORN_TERMS: &[&str] = &["www性色av", "无码精品一区二区", "久久精品视频"];
/// Known typos and wrong fixed expressions with their correct forms (spec §4.10).
pub(crate) const TYPOS: &[(&str, &str)] = &[
    ("中国入民", "中国人民"),
    ("烈土", "烈士"),
    ("党十九大", "党的十九大"),
];
/// Institution names abolished in the 2018 reform, with their successors.
pub(crate) const OUTDATED_TERMS: &[(&str, &str)] = &[
    ("国土资源局", "自然资源和规划局"),
    ("工商行政管理局", "市场监督管理局"),
    ("卫生和计划生育委员会", "卫生健康委员会"),
    ("环境保护局", "生态环境局"),
];

/// The values that fill a template.
pub(crate) struct Fill<'a> {
    pub city: &'a str,
    pub org: &'a str,
    pub year: i32,
    pub month: u32,
}

fn fill(template: &str, f: &Fill<'_>, rng: &mut Rng) -> String {
    let topic = *rng.pick(TOPICS);
    template
        .replace("{city}", f.city)
        .replace("{org}", f.org)
        .replace("{topic}", topic)
        .replace("{year2}", &(f.year + 2).to_string())
        .replace("{year}", &f.year.to_string())
        .replace("{month}", &f.month.to_string())
        .replace("{name}", &person_name(rng))
}

/// A title for an item of a column class.
pub(crate) fn title(
    class: crate::ColumnClass,
    topic_hint: &str,
    f: &Fill<'_>,
    rng: &mut Rng,
) -> String {
    use crate::ColumnClass as C;
    let templates = match class {
        C::News => NEWS_TEMPLATES,
        C::Notice => NOTICE_TEMPLATES,
        C::Policy => POLICY_TEMPLATES,
        C::Periodic => match topic_hint {
            "personnel" => PERSONNEL_TEMPLATES,
            "stats" => STATS_TEMPLATES,
            _ => PLAN_TEMPLATES,
        },
        C::Static | C::Interaction => NEWS_TEMPLATES,
    };
    let t: &str = rng.pick::<&str>(templates);
    fill(t, f, rng)
}

/// A few paragraphs of ordinary government prose.
pub(crate) fn paragraphs(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let k = 2 + rng.below(2) as usize;
            (0..k).map(|_| *rng.pick(SENTENCES)).collect::<String>()
        })
        .collect()
}

/// A person's name.
pub(crate) fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// A name masked as boards show it (张**).
pub(crate) fn masked_name(rng: &mut Rng) -> String {
    format!("{}**", rng.pick(SURNAMES))
}

/// A checksum-valid 18-digit resident ID number (GB 11643-1999) in a real region.
pub(crate) fn id_number(rng: &mut Rng, region: &str) -> String {
    let year = rng.range(1955, 2000);
    let month = rng.range(1, 12);
    let day = rng.range(1, 28);
    let seq = rng.range(10, 999);
    let body = format!("{region}{year:04}{month:02}{day:02}{seq:03}");
    let check = id_check_digit(&body);
    format!("{body}{check}")
}

/// The GB 11643 check character of the first 17 digits.
pub(crate) fn id_check_digit(body17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    C[(sum % 11) as usize]
}

/// An 11-digit mainland mobile number.
pub(crate) fn mobile(rng: &mut Rng) -> String {
    let prefix = *rng.pick(&["138", "139", "135", "186", "158", "177", "199"]);
    format!("{prefix}{:08}", rng.below(100_000_000))
}

/// A Luhn-valid 19-digit UnionPay debit card number.
pub(crate) fn bank_card(rng: &mut Rng) -> String {
    let body = format!("622202{:012}", rng.below(1_000_000_000_000));
    format!("{body}{}", luhn_digit(&body))
}

/// The Luhn check digit for `body`.
pub(crate) fn luhn_digit(body: &str) -> u32 {
    let sum: u32 = body
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// An ID number masked the way the rules require (first 6 and last 4 kept).
pub(crate) fn mask_id(id: &str) -> String {
    format!("{}********{}", &id[..6], &id[14..])
}

/// A mobile masked as 138****5678.
pub(crate) fn mask_mobile(m: &str) -> String {
    format!("{}****{}", &m[..3], &m[7..])
}

/// A bank card masked as 6222 **** **** ***1234.
pub(crate) fn mask_card(c: &str) -> String {
    format!("{} **** **** ***{}", &c[..4], &c[c.len() - 4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_id_numbers_carry_a_valid_check_digit() {
        // A published example: 11010519491231002X.
        assert_eq!(id_check_digit("11010519491231002"), 'X');
        let mut rng = Rng::new(&[1]);
        for _ in 0..50 {
            let id = id_number(&mut rng, "420102");
            assert_eq!(id.len(), 18);
            assert_eq!(id.chars().last().unwrap(), id_check_digit(&id[..17]));
        }
    }

    #[test]
    fn generated_bank_cards_pass_luhn() {
        // 79927398713 is the textbook Luhn example.
        assert_eq!(luhn_digit("7992739871"), 3);
        let mut rng = Rng::new(&[2]);
        let card = bank_card(&mut rng);
        assert_eq!(card.len(), 19);
        assert_eq!(luhn_digit(&card[..18]), card[18..].parse::<u32>().unwrap());
    }

    #[test]
    fn masked_forms_hide_the_middle() {
        assert_eq!(mask_id("420102199003071234"), "420102********1234");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_card("6222021234567890123"), "6222 **** **** ***0123");
    }
}
