//! Attachment contents (PDF/DOCX/XLSX with real text), including the planted personal data.

use crate::attachments;
use crate::rng::{Rng, hash, hash_str};
use crate::text;
use crate::world::{Attachment, Item, Personal, Plant, Site, World};

/// The bytes of an attachment of `item`.
pub(crate) fn attachment_bytes(
    world: &World,
    site: &Site,
    item: &Item,
    att: &Attachment,
) -> Vec<u8> {
    let mut rng = Rng::new(&[hash(&[world.seed, hash_str(&site.key), item.id]), 14]);
    if att.personal {
        let planted = site
            .plants_of(item.col, item.k)
            .iter()
            .find_map(|p| match p {
                Plant::Personal {
                    what,
                    value,
                    attachment: true,
                } => Some((*what, value.clone())),
                _ => None,
            });
        let mut rows = vec![vec![
            "序号".to_owned(),
            "姓名".into(),
            "身份证号".into(),
            "联系电话".into(),
            "银行账号".into(),
            "金额（元）".into(),
        ]];
        for i in 0..8 {
            let mut id = text::mask_id(&text::id_number(&mut rng, &world.region_code));
            let mut phone = text::mask_mobile(&text::mobile(&mut rng));
            let mut card = text::mask_card(&text::bank_card(&mut rng));
            if i == 3 {
                match &planted {
                    Some((Personal::IdNumber, v)) => id = v.clone(),
                    Some((Personal::Phone, v)) => phone = v.clone(),
                    Some((Personal::BankCard, v)) => card = v.clone(),
                    None => {}
                }
            }
            rows.push(vec![
                (i + 1).to_string(),
                text::masked_name(&mut rng),
                id,
                phone,
                card,
                format!("{}", 500 + rng.below(30) * 100),
            ]);
        }
        return attachments::xlsx("名单", &rows);
    }
    let paras = text::paragraphs(&mut rng, 4);
    match att.ext {
        "pdf" => attachments::pdf(&item.title, &paras),
        "docx" => attachments::docx(&item.title, &paras),
        _ => {
            let mut rows = vec![vec![
                "序号".to_owned(),
                "项目名称".into(),
                "责任单位".into(),
                "完成时限".into(),
            ]];
            for i in 0..6 {
                rows.push(vec![
                    (i + 1).to_string(),
                    format!("{}项目", rng.pick(text::TOPICS)),
                    site.organizer.clone(),
                    format!("{}年{}月", item.when.format("%Y"), 1 + rng.below(12)),
                ]);
            }
            attachments::xlsx("汇总表", &rows)
        }
    }
}
