//! Reading single lines: cleaning, numbering, dates, organ names, labels.
//! Every function here looks at one line and never at its neighbours.

pub use notice_core::model::split_names;
use notice_core::model::{Contact, DocDate, DocNumber, Level};
use notice_core::validate::{parse_date, parse_doc_number};

/// A line as the parser wants it: invisible characters removed, every kind
/// of space made one ASCII space, runs of spaces squeezed, and spaces next
/// to Chinese punctuation (“ 一园一品”, 督促 ，) dropped. Spaces between two
/// words are kept: 建设质量强国 决胜全面小康 is written with one.
pub fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        let c = match c {
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_whitespace() => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev = out.chars().next_back().unwrap_or(' ');
            if !is_cjk_punct(prev) && !is_cjk_punct(c) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Punctuation that never has a space next to it in Chinese text.
fn is_cjk_punct(c: char) -> bool {
    "“”‘’《》（）〔〕【】「」『』，、。；：？！…—·".contains(c)
}

/// Web-page furniture around a notice: sharing, printing, font size,
/// breadcrumbs, counters, the 信息公开 metadata block, the site's footer
/// and text a site injects (leaving-the-site prompts, follow-us lines).
pub fn is_noise(line: &str) -> bool {
    const EXACT: &[&str] = &[
        "打印",
        "关闭",
        "【打印】",
        "【关闭】",
        "[打印]",
        "[关闭]",
        "收藏",
        "分享",
        "返回",
        "返回顶部",
        "顶部",
        "大",
        "中",
        "小",
        "【大 中 小】",
        "打印本页",
        "关闭窗口",
        "保存本页",
        "政府信息公开",
        "信息公开",
        "信息公开目录",
        "政务公开",
        "通知公告",
        "通知通告",
        "工作动态",
        "政策文件",
        "文件通知",
        "相关链接",
        "相关文件",
        "相关阅读",
        "相关新闻",
        "相关稿件",
        "政策解读",
        "联系我们",
        "网站地图",
        "无障碍",
        "长者模式",
        "关怀版",
        "无障碍浏览",
        "English",
        "简体版",
        "繁体版",
        "繁體版",
        "简",
        "繁",
        "登录",
        "注册",
        "搜索",
        "站内搜索",
        "全文检索",
        "首页",
        "附件下载",
        "附件：下载",
        "微信",
        "微博",
        "今日头条",
        "抖音",
        "手机版",
        "分享到",
        "QQ空间",
        "新浪微博",
        "【我要纠错】",
        "我要纠错",
        "纠错",
        "视力保护色",
        "字号",
        "默认",
        "发布时间",
        "浏览量",
        "来源",
        "|",
        "END",
        "往期推荐",
        "推荐阅读",
        "精彩推荐",
        "阅读原文",
        "在看",
        "点赞",
    ];
    const CONTAINS: &[&str] = &[
        "扫一扫在手机上查看",
        "扫一扫在手机打开",
        "扫一扫 在手机",
        "在手机上查看当前页面",
        "用手机扫描",
        "打印本页",
        "关闭窗口",
        "【字体",
        "【字号",
        "字体：大",
        "字号：大",
        "字体:大",
        "字号:大",
        "分享到：",
        "分享到:",
        "我要纠错",
        "网站地图",
        "当前位置：",
        "当前位置:",
        "您的位置：",
        "您的位置:",
        "您现在的位置",
        "您当前所在位置",
        "首页 >",
        "首页>",
        "首页 »",
        "首页 ＞",
        "首页＞",
        "首页 -",
        "即将离开",
        "您访问的链接",
        "是否继续访问",
        "ICP备",
        "网安备",
        "公网安备",
        "网站标识码",
        "版权所有",
        "技术支持：",
        "技术支持:",
        "主办单位：",
        "主办单位:",
        "承办单位：",
        "承办单位:",
        "最佳分辨率",
        "建议使用IE",
        "浏览器浏览本站",
        "浏览次数：",
        "浏览次数:",
        "阅读量：",
        "访问量：",
        "点击量：",
        "【打印】",
        "【关闭】",
        "【收藏】",
        "点击蓝字",
        "点击上方蓝字",
        "长按识别",
        "长按二维码",
        "扫描二维码",
    ];
    const STARTS: &[&str] = &[
        "发布时间：",
        "发布时间:",
        "发布日期：",
        "发布日期:",
        "来源：",
        "来源:",
        "信息来源：",
        "信息来源:",
        "文章来源",
        "作者：",
        "作者:",
        "浏览次数",
        "阅读次数",
        "访问次数",
        "点击数",
        "点击率",
        "浏览量",
        "责任编辑",
        "编辑：",
        "编辑:",
        "审核：",
        "审核:",
        "校对：",
        "校对:",
        "上一篇",
        "下一篇",
        "索引号",
        "发布机构",
        "生成日期",
        "公开方式",
        "公开范围",
        "公开时限",
        "公开形式",
        "主题分类",
        "体裁分类",
        "组配分类",
        "服务对象",
        "信息类别",
        "信息分类",
        "所属机构",
        "所属主题",
        "有效性",
        "是否有效",
        "关键词",
        "主题词",
        "相关链接",
        "附件下载",
        "【字体",
        "字体：",
        "字体:",
        "字号：",
        "字号:",
        "【打印",
        "【关闭",
        "分享：",
        "分享:",
        "Copyright",
        "copyright",
        "©",
    ];
    let line = line.trim();
    // A site's invitation to follow it, injected into the text.
    let follow = line.chars().count() <= 40
        && (line.contains("关注") || line.starts_with("更多"))
        && ["公众号", "微博", "抖音", "视频号", "客户端"]
            .iter()
            .any(|w| line.contains(w));
    // Page numbers a PDF or a printed page leaves in the text: — 3 —, -3-,
    // 第3页 共5页.
    let page_number = {
        let bare: String = line
            .chars()
            .filter(|c| !c.is_whitespace() && !"—－-–".contains(*c))
            .collect();
        (!bare.is_empty()
            && bare.len() <= 3
            && bare.chars().all(|c| c.is_ascii_digit())
            && bare.len() < line.len())
            || (line.starts_with('第')
                && line.contains("页")
                && line.contains('共')
                && line.chars().count() <= 16)
    };
    // A WeChat article's account line: 某某发布 2024年08月30日 17:32 安徽.
    let stamp = line.chars().count() <= 40
        && find_date(line).is_some()
        && line.as_bytes().windows(5).any(|w| {
            w[0].is_ascii_digit()
                && w[1].is_ascii_digit()
                && w[2] == b':'
                && w[3].is_ascii_digit()
                && w[4].is_ascii_digit()
        });
    follow
        || stamp
        || page_number
        || EXACT.contains(&line)
        || (line.chars().count() <= 80 && CONTAINS.iter().any(|p| line.contains(p)))
        || STARTS.iter().any(|p| line.starts_with(p))
}

/// A label of the 信息公开 metadata block whose value may be on the next
/// line: 索引号：, 发布机构：, 成文日期：, 文号：, 名称：…
pub fn metadata_label(line: &str) -> Option<&str> {
    const LABELS: &[&str] = &[
        "索引号",
        "发布机构",
        "生成日期",
        "成文日期",
        "发文日期",
        "发布日期",
        "主题分类",
        "公开方式",
        "公开范围",
        "公开时限",
        "公开形式",
        "有效性",
        "名称",
        "标题",
        "文号",
        "发文字号",
        "发文机关",
        "信息来源",
        "体裁分类",
        "组配分类",
        "关键词",
        "主题词",
        "所属机构",
        "信息类别",
        "信息分类",
        "文件编号",
        "发布时间",
        "实施日期",
        "废止日期",
        "统一编号",
        "登记号",
    ];
    let line = line.trim();
    let at = line.find(['：', ':'])?;
    let label = line[..at].trim();
    LABELS.contains(&label).then_some(label)
}

/// The value after a metadata label, on its line.
pub fn metadata_value(line: &str) -> &str {
    line.find(['：', ':']).map_or("", |at| {
        let colon = line[at..].chars().next().map_or(1, char::len_utf8);
        line[at + colon..].trim()
    })
}

/// The value of a numeral written in Chinese: 一 … 九十九 (also 〇 and 零
/// inside, as in 一百零一).
pub fn chinese_number(text: &str) -> Option<usize> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '零').then_some(0))
    };
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > 5 {
        return None;
    }
    let mut total = 0;
    let mut current = None;
    for &c in &chars {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current? * 100;
                current = None;
            }
            c => current = Some(digit(c)?),
        }
    }
    Some(total + current.unwrap_or(0))
}

/// A heading number at the start of a line: its level, its number and the
/// text after it. 一、 一. 一，are level 1; （一） (一) level 2; 1. 1、 1．
/// level 3 (never 1.5 or 2021年); （1） (1) ① level 4.
pub fn numbering(line: &str) -> Option<(Rank, usize, &str)> {
    let line = line.trim_start();
    // Level 1: 一、
    let head: String = line
        .chars()
        .take_while(|c| "一二三四五六七八九十百零〇".contains(*c))
        .collect();
    if !head.is_empty() {
        let rest = &line[head.len()..];
        if let Some(sep) = rest.chars().next().filter(|c| "、.．，,".contains(*c)) {
            let text = &rest[sep.len_utf8()..];
            if !text.trim().is_empty() {
                return Some((Rank::One, chinese_number(&head)?, text.trim_start()));
            }
        }
        return None;
    }
    // Level 2 and 4: （一） (1)
    if let Some(open) = line.chars().next().filter(|c| *c == '（' || *c == '(') {
        let inner_start = open.len_utf8();
        let close_at = inner_start + line[inner_start..].find(['）', ')'])?;
        let inner = &line[inner_start..close_at];
        let close = line[close_at..].chars().next()?;
        let text = line[close_at + close.len_utf8()..]
            .trim_start_matches(['、', '.', '．'])
            .trim_start();
        if text.is_empty() {
            return None;
        }
        if let Some(n) = chinese_number(inner) {
            return Some((Rank::Two, n, text));
        }
        // （）开展… : a number the web page lost; its place is the second
        // level, where empty brackets are seen.
        if inner.trim().is_empty() && text.chars().count() >= 4 {
            return Some((Rank::Two, 0, text));
        }
        let digits = ascii_digits(inner);
        if (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some((Rank::Four, digits.parse().ok()?, text));
        }
        return None;
    }
    if let Some(c) = line.chars().next() {
        if ('①'..='⑳').contains(&c) {
            let text = line[c.len_utf8()..].trim_start();
            return (!text.is_empty()).then(|| (Rank::Four, c as usize - '①' as usize + 1, text));
        }
    }
    // Level 3: 1. 1、
    let count = line
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if count == 0 || count > 3 {
        return None;
    }
    let number_len: usize = line.chars().take(count).map(char::len_utf8).sum();
    let number = ascii_digits(&line[..number_len]);
    let rest = &line[number_len..];
    let sep = rest.chars().next()?;
    if !"、.．，,".contains(sep) {
        return None;
    }
    let text = &rest[sep.len_utf8()..];
    if text.trim().is_empty() {
        return None;
    }
    // 1.5万元 is a number; 1.2021年9月… and 1、2021年9月… are items that
    // begin with a date.
    let text = text.trim_start();
    if (sep == '.' || sep == '．') && text.starts_with(|c: char| c.is_ascii_digit()) {
        let after = text.trim_start_matches(|c: char| c.is_ascii_digit());
        if !after.starts_with(['年', '月', '日']) {
            return None;
        }
    }
    Some((Rank::Three, number.parse().ok()?, text))
}

/// The four heading levels of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    One,
    Two,
    Three,
    Four,
}

impl Rank {
    /// The model's level of a block under a section heading.
    pub fn block_level(self) -> Level {
        match self {
            Rank::One | Rank::Two => Level::Second,
            Rank::Three => Level::Third,
            Rank::Four => Level::Fourth,
        }
    }
}

/// Full-width digits made ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// A line that is only a date: 2021年9月6日, 二〇二一年九月六日, 2021-09-06.
pub fn date_line(line: &str) -> Option<DocDate> {
    let text: String = ascii_digits(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() || text.chars().count() > 16 {
        return None;
    }
    if let Ok(Some(date)) = parse_date(&text) {
        return Some(date);
    }
    chinese_date(&text)
}

/// 二〇二一年九月六日.
fn chinese_date(text: &str) -> Option<DocDate> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year: String = year
        .chars()
        .map(|c| match c {
            'O' | 'o' | 'Ｏ' | '○' | '零' => Some('0'),
            c => "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|d| char::from(b'0' + d as u8)),
        })
        .collect::<Option<_>>()?;
    if year.len() != 4 {
        return None;
    }
    DocDate::new(
        year.parse().ok()?,
        chinese_number(month)? as u8,
        chinese_number(day)? as u8,
    )
}

/// A date (2021年9月6日) inside a line: its byte range and value.
pub fn find_date(line: &str) -> Option<(usize, usize, DocDate)> {
    for (start, c) in line.char_indices() {
        if !c.is_ascii_digit() || line[..start].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let end = line[start..]
            .char_indices()
            .take(16)
            .find(|(_, c)| *c == '日')
            .map(|(i, _)| start + i + '日'.len_utf8());
        if let Some(end) = end {
            if let Some(date) = date_line(&line[start..end]) {
                return Some((start, end, date));
            }
        }
    }
    None
}

/// Endings of organ names: 局, 委员会, 办公室, 人民政府, 中心…
const ORGAN_ENDS: &[&str] = &[
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "政府",
    "厅",
    "部",
    "中心",
    "小组",
    "院",
    "所",
    "队",
    "站",
    "会",
    "处",
    "科",
    "室",
    "组",
    "馆",
    "署",
    "社",
    "公司",
    "集团",
];

/// Whether a line is an organ's name, as in the 版头 and the 署名: short, no
/// punctuation or digits, ending like an organ, not an addressee (各…).
pub fn is_organ(line: &str) -> bool {
    let line = line.trim();
    let count = line.chars().count();
    (3..=30).contains(&count)
        && !line.starts_with('各')
        && !line
            .chars()
            .any(|c| c.is_ascii_digit() || "。，,；;：:！？!?“”\"《》、 ".contains(c))
        && ORGAN_ENDS.iter().any(|e| line.ends_with(e))
        && !["关于", "通知", "方案", "活动"]
            .iter()
            .any(|w| line.contains(w))
}

/// Organs on one line, separated by spaces (a joint 署名 or 版头).
pub fn organs_in_line(line: &str) -> Option<Vec<String>> {
    let names: Vec<String> = line
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    (!names.is_empty() && names.iter().all(|n| is_organ(n))).then_some(names)
}

/// Endings of department names inside a notice: 股, 科, 大队…
const DEPARTMENT_ENDS: &[&str] = &[
    "股", "室", "科", "处", "局", "所", "队", "中心", "办", "委", "部", "站", "院", "组", "会",
    "馆", "厅", "单位", "部门", "公司", "政府", "团", "社",
];

/// A department's name: 质量股, 各市场监督管理所, 县教育局.
pub fn is_department(name: &str) -> bool {
    let name = name.trim().trim_end_matches(['。', '；', ';']);
    let count = name.chars().count();
    (2..=24).contains(&count)
        && !name.chars().any(|c| "。，,；;：:！？!?“”《》".contains(c))
        && DEPARTMENT_ENDS.iter().any(|e| name.ends_with(e))
}

/// A 发文字号 line (文号：… allowed), with 签发人 when the line has them.
pub fn doc_number_line(line: &str) -> Option<(DocNumber, Vec<String>)> {
    let (number, signers) = match line.find("签发人") {
        Some(at) => {
            let signers = line[at + "签发人".len()..].trim_start_matches(['：', ':', ' ']);
            (
                &line[..at],
                signers
                    .split([' ', '、', '，', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )
        }
        None => (line, Vec::new()),
    };
    let number = number
        .trim()
        .trim_start_matches("发文字号")
        .trim_start_matches("文号")
        .trim_start_matches(['：', ':', ' ']);
    if number.is_empty() {
        return (!signers.is_empty()).then(|| (DocNumber::default(), signers));
    }
    let count = number.chars().count();
    let bracketed = number.contains(['〔', '[', '［', '(', '（', '【']);
    let prefix_clean = number
        .chars()
        .take_while(|c| !"〔[［(（【".contains(*c))
        .all(|c| !c.is_whitespace() && !"，。、；：".contains(c));
    if count > 30 || !bracketed || !prefix_clean {
        return None;
    }
    let parsed = parse_doc_number(number).ok()?;
    (parsed.year.is_some() && !parsed.prefix.is_empty()).then_some((parsed, signers))
}

/// Words that end a title: 通知, 方案…
pub const TITLE_ENDS: &[&str] = &[
    "通知", "方案", "意见", "决定", "通报", "计划", "办法", "公告", "通告", "报告", "批复", "函",
    "纪要", "规定", "细则", "要点", "安排",
];

pub fn ends_title(text: &str) -> bool {
    TITLE_ENDS.iter().any(|e| text.ends_with(e))
}

/// A line that can be (part of) a title: short, no full stop.
pub fn title_like(line: &str) -> bool {
    let count = line.chars().count();
    (2..=50).contains(&count) && !line.contains(['。', '；']) && !line.ends_with(['：', ':'])
}

/// The 主送机关 line: ends with a colon, no full stop, not a sentence that
/// introduces something (特制定方案如下：).
pub fn is_recipients(line: &str) -> bool {
    let Some(body) = line.strip_suffix(['：', ':']) else {
        return false;
    };
    let count = body.chars().count();
    (2..=600).contains(&count)
        && !body.contains(['。', '：', ':'])
        && ![
            "为", "根据", "按照", "依据", "经", "现", "附件", "联系", "抄送", "签发", "主题",
            "时间",
        ]
        .iter()
        .any(|w| body.starts_with(w))
        && !["如下", "通知", "要求", "安排"]
            .iter()
            .any(|w| body.ends_with(w))
        && numbering(line).is_none()
}

/// A note line: （此件公开发布）, (此件主动公开).
pub fn note(line: &str) -> Option<String> {
    let inner = line
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    let count = inner.chars().count();
    ((2..=40).contains(&count) && (inner.starts_with("此件") || inner.contains("公开")))
        .then(|| inner.to_owned())
}

/// The value after a 附件 label: Some("") for a bare 附件 / 附件： line.
pub fn attachment_label(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("附件")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.is_empty() {
        return Some("");
    }
    let rest = rest.strip_prefix(['：', ':'])?;
    Some(rest.trim())
}

/// The role of a label in a task's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Support,
    Time,
    Place,
}

/// 牵头责任部门 → lead, 配合单位 → support, 活动时间 → time, 活动地点 → place.
pub fn label_role(word: &str) -> Option<Role> {
    const ENDS: &[&str] = &[
        "部门", "单位", "股室", "科室", "处室", "机构", "时间", "时限", "地点", "地址", "牵头",
        "配合", "协助",
    ];
    let count = word.chars().count();
    if !(2..=8).contains(&count) || !ENDS.iter().any(|e| word.ends_with(e)) {
        return None;
    }
    if ["配合", "协助", "协办", "参与", "协同"]
        .iter()
        .any(|w| word.contains(w))
    {
        Some(Role::Support)
    } else if ["牵头", "主办", "负责", "责任"]
        .iter()
        .any(|w| word.contains(w))
    {
        Some(Role::Lead)
    } else if ["地点", "地址"].iter().any(|w| word.contains(w)) {
        Some(Role::Place)
    } else if ["时间", "时限"].iter().any(|w| word.contains(w)) {
        Some(Role::Time)
    } else {
        None
    }
}

/// A line of labelled values, starting with a label: 牵头责任部门：质量股。
/// 配合责任部门：标准计量股。 Gives (role, label, value) for each.
pub fn labelled(line: &str) -> Option<Vec<(Role, String, String)>> {
    let boundary = |c: char| "。；;，, ".contains(c);
    let mut found: Vec<(usize, usize, Role, String)> = Vec::new(); // label start, value start
    for (at, colon) in line.char_indices().filter(|(_, c)| *c == '：' || *c == ':') {
        // Labels are short: look back a few characters only, so that a
        // long line of colons stays linear.
        let mut start = None;
        for (count, (i, c)) in line[..at].char_indices().rev().enumerate() {
            if boundary(c) {
                start = Some(i + c.len_utf8());
                break;
            }
            if count >= 12 {
                break;
            }
            if i == 0 {
                start = Some(0);
            }
        }
        let start = match start {
            Some(start) => start,
            None if at == 0 => 0,
            None => continue,
        };
        let word = line[start..at].trim();
        if let Some(role) = label_role(word) {
            found.push((start, at + colon.len_utf8(), role, word.to_owned()));
        }
    }
    if found.first().is_none_or(|f| !line[..f.0].trim().is_empty()) {
        return None;
    }
    let mut out = Vec::new();
    for (i, (_, value_start, role, label)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(line.len(), |next| next.0);
        let value = line[*value_start..end]
            .trim()
            .trim_end_matches(['。', '；', ';', '，', ',', '.'])
            .trim()
            .to_owned();
        out.push((*role, label.clone(), value));
    }
    Some(out)
}

/// A task item's departments in parentheses at its end: the text before,
/// the lead and the supporting departments. （质量股牵头，办公室配合）,
/// （质量股）, （办公室配合）, （牵头单位：质量股；配合单位：办公室）.
pub fn trailing_departments(text: &str) -> Option<(&str, String, Vec<String>)> {
    let text = text.trim_end_matches(['。', '.']);
    let close = text
        .chars()
        .next_back()
        .filter(|c| *c == '）' || *c == ')')?;
    let body_end = text.len() - close.len_utf8();
    let mut depth = 0;
    let mut open_at = None;
    for (i, c) in text[..body_end].char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => {
                open_at = Some(i);
                break;
            }
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    let open_at = open_at?;
    let inner = &text[open_at + text[open_at..].chars().next()?.len_utf8()..body_end];
    let before = text[..open_at].trim_end();
    if before.is_empty() {
        return None;
    }
    let (lead, support) = departments(inner)?;
    Some((before, lead, support))
}

/// The lead and the supporting departments written in words.
fn departments(inner: &str) -> Option<(String, Vec<String>)> {
    if let Some(parts) = labelled(inner) {
        let mut lead = String::new();
        let mut support = Vec::new();
        for (role, _, value) in parts {
            match role {
                Role::Lead => lead = value,
                Role::Support => support.extend(split_names(&value)),
                _ => return None,
            }
        }
        return Some((lead, support));
    }
    let mut lead = String::new();
    let mut support = Vec::new();
    let mut plain = Vec::new();
    for part in inner
        .split(['，', ',', '；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(name) = ["牵头负责", "牵头", "负责"]
            .iter()
            .find_map(|s| part.strip_suffix(s))
        {
            lead = name.trim().to_owned();
        } else if let Some(name) = ["配合", "协助", "参与"]
            .iter()
            .find_map(|s| part.strip_suffix(s))
        {
            support.extend(split_names(name));
        } else {
            plain.push(part);
        }
    }
    if lead.is_empty() && support.is_empty() {
        // Only names: the department in charge.
        let names = split_names(inner);
        if names.is_empty() || !names.iter().all(|n| is_department(n)) {
            return None;
        }
        return Some((inner.trim().to_owned(), Vec::new()));
    }
    plain.is_empty().then_some((lead, support))
}

/// A 联系人 line: 联系人：张三，电话：0557-1234567，邮箱：a@b.cn. Refused
/// when anything in it is not a contact field.
pub fn contact(line: &str) -> Option<Contact> {
    let line = line.trim().trim_end_matches(['。', '.']);
    let line = match line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']))
    {
        Some(inner) => inner.trim().trim_end_matches(['。', '.']),
        None => line,
    };
    const KEYS: &[(&str, u8)] = &[
        ("联系人", 0),
        ("联 系 人", 0),
        ("联系电话", 1),
        ("办公电话", 1),
        ("联系方式", 1),
        ("电话", 1),
        ("手机", 1),
        ("电子邮箱", 2),
        ("电子信箱", 2),
        ("邮箱", 2),
        ("E-mail", 2),
        ("Email", 2),
        ("email", 2),
        ("传真", 3),
    ];
    // A label may be spaced out to line up with the others (联 系 人：, 传    真：).
    let key_at = |text: &str| {
        let colon = text.find(['：', ':'])?;
        let label: String = text[..colon]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        KEYS.iter()
            .find(|(k, _)| *k == label)
            .map(|(_, slot)| (colon, *slot))
    };
    key_at(line)?;
    let mut out = Contact::default();
    // Fields apart by a comma, or by a space before the next label
    // (联系人：张三 联系电话：…).
    let mut parts: Vec<&str> = Vec::new();
    for part in line.split(['，', ',', '；', ';']) {
        let mut rest = part.trim();
        while let Some(at) = rest
            .match_indices(' ')
            .map(|(at, _)| at)
            .find(|&at| key_at(rest[at + 1..].trim_start()).is_some())
        {
            parts.push(rest[..at].trim());
            rest = rest[at + 1..].trim_start();
        }
        parts.push(rest);
    }
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        let (len, slot) = key_at(part)?;
        let value = part[len..]
            .trim_start()
            .trim_start_matches(['：', ':'])
            .trim();
        let field = match slot {
            0 => &mut out.name,
            1 => &mut out.phone,
            2 => &mut out.email,
            _ => &mut out.fax,
        };
        if !field.is_empty() || value.is_empty() {
            return None;
        }
        *field = value.to_owned();
    }
    // 联系人：张三 0557-1234567
    if out.phone.is_empty() {
        if let Some((name, phone)) = out.name.clone().split_once(' ') {
            if phone.chars().filter(char::is_ascii_digit).count() >= 7 {
                out.name = name.to_owned();
                out.phone = phone.trim().to_owned();
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_word_spaces_and_drops_the_others() {
        assert_eq!(
            clean("  开展“一业一域”“ 一园一品”质量提升行动 "),
            "开展“一业一域”“一园一品”质量提升行动"
        );
        assert_eq!(
            clean("建设质量强国\u{3000}\u{3000}决胜全面小康"),
            "建设质量强国 决胜全面小康"
        );
        assert_eq!(clean("督促 ，餐饮\u{200b}企业\t"), "督促，餐饮企业");
    }

    #[test]
    fn numbering_of_every_level_and_what_is_not_numbering() {
        assert_eq!(numbering("一、活动主题"), Some((Rank::One, 1, "活动主题")));
        assert_eq!(numbering("十一、其他"), Some((Rank::One, 11, "其他")));
        assert_eq!(
            numbering("（十一）开展活动"),
            Some((Rank::Two, 11, "开展活动"))
        );
        assert_eq!(
            numbering("(一)加强领导。"),
            Some((Rank::Two, 1, "加强领导。"))
        );
        assert_eq!(numbering("1.开展检查"), Some((Rank::Three, 1, "开展检查")));
        assert_eq!(
            numbering("12、开展检查"),
            Some((Rank::Three, 12, "开展检查"))
        );
        assert_eq!(
            numbering("２．开展检查"),
            Some((Rank::Three, 2, "开展检查"))
        );
        assert_eq!(
            numbering("（3）开展检查"),
            Some((Rank::Four, 3, "开展检查"))
        );
        assert_eq!(numbering("②开展检查"), Some((Rank::Four, 2, "开展检查")));
        for not in [
            "2021年是",
            "1.5万元",
            "一是加强",
            "十四五",
            "（此件公开发布）",
            "一、",
            "(生产·流通)",
        ] {
            assert_eq!(numbering(not), None, "{not}");
        }
    }

    #[test]
    fn dates_in_arabic_and_chinese_numerals() {
        let date = DocDate::new(2021, 9, 6);
        assert_eq!(date_line("2021年9月6日"), date);
        assert_eq!(date_line("二〇二一年九月六日"), date);
        assert_eq!(date_line("2021年9月30日前"), None);
        assert_eq!(date_line("2021年9月份"), None);
        assert_eq!(find_date("某某办公室 2021年9月6日印发").map(|d| d.2), date);
        assert_eq!(
            date_line("二〇二一年十二月三十一日"),
            DocDate::new(2021, 12, 31)
        );
    }

    #[test]
    fn organs_departments_and_doc_numbers() {
        assert!(is_organ("砀山县市场监督管理局"));
        assert!(is_organ("XX县质量强县工作领导小组办公室"));
        assert!(!is_organ("各市场监督管理所"));
        assert!(!is_organ("2021年“质量月”活动实施方案"));
        assert!(is_department("质量安全监督管理股"));
        let (number, signers) = doc_number_line("砀市监发〔2021〕12号 签发人：张三 李四").unwrap();
        assert_eq!(number.to_string(), "砀市监发〔2021〕12号");
        assert_eq!(signers, ["张三", "李四"]);
        assert_eq!(
            doc_number_line("X市监联〔2025〕").unwrap().0.to_string(),
            "X市监联〔2025〕"
        );
        assert!(doc_number_line("按照（国市监质〔2020〕133号）部署").is_none());
    }

    #[test]
    fn labels_on_one_line() {
        let parts =
            labelled("牵头责任部门：经济执法局、法规股。配合责任部门：各市场监管所。").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0],
            (
                Role::Lead,
                "牵头责任部门".into(),
                "经济执法局、法规股".into()
            )
        );
        assert_eq!(
            parts[1],
            (Role::Support, "配合责任部门".into(), "各市场监管所".into())
        );
        assert!(labelled("针对重点行业：开展帮扶。").is_none());
        assert_eq!(labelled("活动时间：9月1日-3日").unwrap()[0].0, Role::Time);
    }

    #[test]
    fn departments_in_parentheses() {
        let (body, lead, support) = trailing_departments(
            "开展检查。对电子秤检查。（标准计量股牵头，市场监督检验所、各所配合）",
        )
        .unwrap();
        assert_eq!(body, "开展检查。对电子秤检查。");
        assert_eq!(lead, "标准计量股");
        assert_eq!(support, ["市场监督检验所", "各所"]);
        assert_eq!(
            trailing_departments("开展检查（质量科）").unwrap().1,
            "质量科"
        );
        assert!(trailing_departments("开展重点商品的质量抽查(生产·流通)").is_none());
    }

    #[test]
    fn contact_lines() {
        let c = contact("联系人：张三，电话：0557-1234567，邮箱：zl@example.cn。").unwrap();
        assert_eq!(
            (c.name.as_str(), c.phone.as_str(), c.email.as_str()),
            ("张三", "0557-1234567", "zl@example.cn")
        );
        let c = contact("（联系人:陈馨 7898656）").unwrap();
        assert_eq!((c.name.as_str(), c.phone.as_str()), ("陈馨", "7898656"));
        assert!(contact("联系人要及时报送信息").is_none());
        assert!(contact("联系人：张三，请于9月前报送").is_none());
    }
}
