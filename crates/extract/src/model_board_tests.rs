//! Unit tests of boards, message pages, forms, and hostile input.

use chrono::NaiveTime;

use super::tests::{d, read, read_at};
use super::{FormPurpose, Stamp};

fn stamp(y: i32, m: u32, day: u32, hm: Option<(u32, u32)>) -> Stamp {
    Stamp {
        date: d(y, m, day),
        time: hm.map(|(h, mi)| NaiveTime::from_hms_opt(h, mi, 0).unwrap()),
    }
}

#[test]
fn board_table_rows_are_mapped_by_the_header_row() {
    let m = read_at(
        r#"<div class="board"><p><a href="form.html">我要留言</a></p>
        <table><tr><th>留言标题</th><th>留言时间</th><th>回复时间</th><th>留言人</th><th>办理状态</th></tr>
        <tr><td><a href="./1.html">优化政务服务办理流程咨询</a></td><td>2023-06-20 09:07</td><td></td><td>陈**</td><td>办理中</td></tr>
        <tr><td><a href="./2.html">建议加快推进森林防火</a></td><td>2023-06-03</td><td>2023-06-05</td><td>赵*</td><td>已办结</td></tr>
        <tr><td><a href="./3.html">关于养老服务政策的咨询</a></td><td>2023-04-21</td><td></td><td>张三</td><td>已受理</td></tr>
        </table></div>"#,
        "http://www.example.gov.cn/hdjl/",
    );
    assert_eq!(m.board.len(), 3, "{:#?}", m.board);
    let r = &m.board[0];
    assert_eq!(r.title, "优化政务服务办理流程咨询");
    assert_eq!(r.url, "http://www.example.gov.cn/hdjl/1.html");
    assert_eq!(r.author.as_deref(), Some("陈**"));
    assert_eq!(r.posted, Some(stamp(2023, 6, 20, Some((9, 7)))));
    assert_eq!(r.replied, None);
    assert_eq!(r.status.as_deref(), Some("办理中"));
    assert_eq!(r.answered, Some(false));
    let r = &m.board[1];
    assert_eq!(r.replied, Some(stamp(2023, 6, 5, None)));
    assert_eq!(r.answered, Some(true));
    // Mapped by the header: an unmasked author and an unknown status are still read.
    let r = &m.board[2];
    assert_eq!(r.author.as_deref(), Some("张三"));
    assert_eq!(r.status.as_deref(), Some("已受理"));
    assert_eq!(r.answered, None);
    assert_eq!(m.list.len(), 3, "board rows are list items too");
}

#[test]
fn board_list_items_without_a_header_use_masks_status_words_and_dates() {
    let m = read(
        r#"<ul class="lylist">
        <li><a href="/hd/1.html">关于小区停车难问题的反映</a><span>王**</span><span>2023-05-01</span><span>已回复</span></li>
        <li><a href="/hd/2.html">咨询公积金提取的有关规定</a><span>李*</span><span>2023-05-02</span></li>
        <li><a href="/hd/3.html">普通新闻标题不是留言</a><span>2023-05-03</span></li>
        </ul>"#,
    );
    assert_eq!(m.board.len(), 2);
    assert_eq!(m.board[0].author.as_deref(), Some("王**"));
    assert_eq!(m.board[0].status.as_deref(), Some("已回复"));
    assert_eq!(m.board[0].answered, Some(true));
    assert_eq!(m.board[1].status, None);
    assert_eq!(m.board[1].answered, None);
    assert_eq!(m.board[1].posted, Some(stamp(2023, 5, 2, None)));
}

#[test]
fn a_news_list_is_not_a_board() {
    let m = read(
        r#"<ul><li><a href="/a/1.html">全市安全生产工作会议召开</a><span>2023-06-17</span></li></ul>"#,
    );
    assert!(m.board.is_empty());
}

const MESSAGE: &str = r#"<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/hdjl/">互动交流</a> &gt; 留言详情</div>
<div class="message"><h1>建议加快推进安全生产</h1>
<p>留言人：孙**</p><p>留言时间：2023-02-05 05:12:00</p>
<div class="content">请有关部门加强检查。</div>
<div class="reply"><p>办理状态：已回复</p><p>回复单位：江城市人民政府办公厅</p>
<p>回复时间：2023-02-28 10:30:00</p><p>回复内容：您好，您反映的问题已收悉，感谢您的关心。</p></div></div>"#;

#[test]
fn answered_message_detail_keeps_times() {
    let m = read_at(MESSAGE, "http://www.example.gov.cn/hdjl/1649241.html");
    let msg = m.message.unwrap();
    assert_eq!(msg.title, "建议加快推进安全生产");
    assert_eq!(msg.author.as_deref(), Some("孙**"));
    assert_eq!(msg.posted, Some(stamp(2023, 2, 5, Some((5, 12)))));
    assert_eq!(msg.replied, Some(stamp(2023, 2, 28, Some((10, 30)))));
    assert_eq!(msg.status.as_deref(), Some("已回复"));
    assert!(msg.answered);
    assert_eq!(m.column.as_deref(), Some("互动交流"));
}

#[test]
fn unanswered_message_detail_says_so() {
    let html = r#"<div class="message"><h1>优化政务服务办理流程咨询</h1>
        <p>留言人：陈**</p><p>留言时间：2023-06-20 09:07:00</p><div>内容</div>
        <div class="reply"><p>办理状态：办理中</p><p>回复内容：暂未回复</p></div></div>"#;
    let msg = read(html).message.unwrap();
    assert_eq!(msg.status.as_deref(), Some("办理中"));
    assert_eq!(msg.replied, None);
    assert!(!msg.answered);
    let table = r#"<h1>咨询社保转移</h1><table><tr><td>来信人</td><td>刘**</td></tr>
        <tr><td>来信时间</td><td>2023年3月1日</td></tr><tr><td>答复内容</td><td></td></tr></table>"#;
    let msg = read(table).message.unwrap();
    assert_eq!(msg.author.as_deref(), Some("刘**"));
    assert_eq!(msg.posted, Some(stamp(2023, 3, 1, None)));
    assert!(!msg.answered);
}

#[test]
fn a_board_page_is_not_a_message_page() {
    let m = read(
        r#"<table><tr><th>留言标题</th><th>留言人</th><th>留言时间</th><th>办理状态</th></tr>
        <tr><td><a href="./1.html">优化政务服务办理流程咨询</a></td><td>陈**</td><td>2023-06-20</td><td>办理中</td></tr></table>"#,
    );
    assert_eq!(m.message, None);
    assert_eq!(m.board.len(), 1);
}

#[test]
fn forms_are_read_and_classified() {
    let m = read_at(
        r#"<form class="search" action="/search/index.html"><input type="text" name="searchword"><button>搜索</button></form>
        <form action="" method="POST"><input type="hidden" name="token"><p>留言标题：<input name="title"></p>
        <p>留言内容：<textarea name="content"></textarea></p><select name="type"></select><input type="submit" value="提交"></form>
        <form action="/login.do" method="post"><input name="user"><input type="password" name="pwd"><input type="image" src="go.png"></form>
        <form><input type="text" name="q"></form>"#,
        "http://www.example.gov.cn/hdjl/form.html",
    );
    let f = &m.forms;
    assert_eq!(f.len(), 4);
    assert_eq!(f[0].action, "http://www.example.gov.cn/search/index.html");
    assert_eq!(f[0].method, "get");
    assert_eq!(f[0].purpose, FormPurpose::Search);
    assert_eq!(f[0].fields, ["searchword"]);
    assert!(f[0].submit, "a button without type submits");
    assert_eq!(f[1].action, "http://www.example.gov.cn/hdjl/form.html");
    assert_eq!(f[1].method, "post");
    assert_eq!(f[1].purpose, FormPurpose::Message);
    assert_eq!(f[1].fields, ["title", "content", "type"]);
    assert!(f[1].submit);
    assert_eq!(f[2].purpose, FormPurpose::Other);
    assert!(f[2].submit);
    assert_eq!(f[3].purpose, FormPurpose::Search);
    assert!(!f[3].submit);
}

#[test]
fn hostile_input_never_panics_and_stays_bounded() {
    let deep = format!(
        "{}<a href=\"/x\">深处的链接标题</a>",
        "<div>".repeat(100_000)
    );
    let m = read(&deep);
    assert!(m.list.is_empty());

    let many: String = (0..100_000)
        .map(|k| format!("<li><a href=\"/a/{k}.html\">第{k}条信息标题</a> 2023-01-01"))
        .collect();
    let m = read(&format!("<ul>{many}</ul>"));
    assert_eq!(m.list.len(), super::items::MAX_ITEMS);

    let nested_lists = "<ul><li>".repeat(50_000);
    let _ = read(&nested_lists);
    let formatting = "<b><i><a href=\"/x\">".repeat(5_000);
    let _ = read(&formatting);
    let unclosed = "<div class=\"footer\"><table><tr><td>网站标识码：<a href=x>主办：<p>留言时间：2023-01-01 <form><textarea>";
    let _ = read(unclosed);

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "<li>",
        "<a href=\"/a.html\">",
        "标题文字",
        "</a>",
        "2023-06-",
        "[06-17]",
        "当前位置：",
        "&gt;",
        "<div class=\"page\">",
        "共",
        "条",
        "第1/",
        "页",
        "网站标识码",
        "ICP备",
        "公网安备",
        "留言时间：",
        "<tr><td>",
        "陈**",
        "已回复",
        "<form>",
        "<textarea>",
        "<script>",
        "createPageHTML(",
        "\u{0}",
        "\u{fffd}",
        "年",
        "月",
        "日",
        ":",
        "：",
        " ",
        "<",
        ">",
        "</div>",
        "<h1>",
    ];
    for _ in 0..300 {
        let n = (next() % 60) as usize;
        let s: String = (0..n)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let _ = read(&s);
        let bytes: Vec<u8> = (0..n * 4).map(|_| (next() >> 11) as u8).collect();
        let _ = read(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn depth_cut_keeps_real_pages_whole_and_stops_deep_nesting() {
    use super::depth::{MAX_DEPTH, depth_cut};
    let sloppy = "<p><font color=red>x<li>y<td>z<br><img src=a>".repeat(5_000);
    assert_eq!(depth_cut(&sloppy).len(), sloppy.len());
    let closed =
        "<div><span>a</span></div><!-- <div><div> --><script>'<div>'</script>".repeat(5_000);
    assert_eq!(depth_cut(&closed).len(), closed.len());
    let deep = "<div>".repeat(MAX_DEPTH + 10);
    assert_eq!(depth_cut(&deep).len(), "<div>".len() * MAX_DEPTH);
}
