//! Every Chinese sentence scoring writes, in one place (a second language goes next to it).

use crate::points_text;

pub(crate) fn found(n: usize, label: &str) -> String {
    format!("发现{label}{n}处")
}

pub(crate) fn count_reason(indicator: &str, n: usize, at_least: u32) -> String {
    format!("{indicator}：发现{n}处，达到单项否决标准（超过（含）{at_least}个）")
}

pub(crate) fn count_warning(indicator: &str, n: usize, at_least: u32) -> String {
    format!("{indicator}：已发现{n}处，达到{at_least}处即单项否决")
}

pub(crate) fn ratio_reason(probes: u32, failures: u32, ratio: f64) -> String {
    format!(
        "监测期内访问{probes}次，{failures}次未能在15秒内打开，占{}，达到单项否决标准",
        percent(ratio)
    )
}

pub(crate) fn ratio_warning(probes: u32, failures: u32, ratio: f64, limit: f64) -> String {
    format!(
        "站点访问不稳定：监测期内访问{probes}次，{failures}次失败，占{}，接近单项否决标准{}",
        percent(ratio),
        percent(limit)
    )
}

pub(crate) fn too_few_probes(probes: u32, needed: u32) -> String {
    format!(
        "可用性监测数据不足：监测期内仅访问{probes}次（需{needed}次以上），本期不判定站点无法访问"
    )
}

pub(crate) fn no_probes() -> String {
    "本期无可用性监测数据，未判定站点无法访问".to_owned()
}

pub(crate) fn manual_veto(reason: &str) -> String {
    format!("检查人员认定：{reason}")
}

pub(crate) fn dismissed_note(n: usize) -> String {
    format!("检查人员排除误报{n}条")
}

pub(crate) fn capped(points: f64, cap: f64) -> String {
    format!(
        "（应扣{}分，本项最多扣{}分）",
        points_text(points),
        points_text(cap)
    )
}

pub(crate) fn no_service(group: &str, basis: f64, full: f64) -> String {
    format!(
        "本站为无对外服务职能的国务院部门网站，不检查{group}，按{}分计算后折算为{}分制",
        points_text(basis),
        points_text(full)
    )
}

pub(crate) fn no_bonus_score(above: f64) -> String {
    format!("扣分指标得分未高于{}分，不进入加分环节", points_text(above))
}

pub(crate) const NO_BONUS_DEPARTMENT: &str = "加分指标仅适用于政府门户网站";

pub(crate) fn bonus_capped(total: f64, cap: f64) -> String {
    format!(
        "加分合计{}分，按上限计{}分",
        points_text(total),
        points_text(cap)
    )
}

pub(crate) fn unknown_manual(item: &str) -> String {
    format!("人工录入的项目 {item} 不在本指标包中，未计入")
}

pub(crate) fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}
