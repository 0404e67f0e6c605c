//! Where a finding is. A [`Place`] is one text of the notice: a field, or
//! one entry of a field edited a line an entry (主送机关, 附件说明…), so
//! that a fix can be applied to it; [`Place::field`] is the editor's typed
//! [`Field`] it belongs to. Sections are counted by position here.

use crate::compose;
use crate::field::{ContactField, Field, RequirementField, SectionField, TaskField};
use crate::model::{Notice, SectionContent};
use std::borrow::Cow;

/// One text of the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    CampaignName,
    Organ(usize),
    DocNumber,
    Signer(usize),
    Title,
    Recipient(usize),
    CoverBody(usize),
    PlanTitle,
    SectionHeading(usize),
    Paragraph {
        section: usize,
        index: usize,
    },
    Block {
        section: usize,
        index: usize,
    },
    Theme(usize),
    Time(usize),
    TasksIntro(usize),
    Department {
        section: usize,
        group: usize,
    },
    Activity {
        section: usize,
        group: usize,
        index: usize,
    },
    RequirementLead {
        section: usize,
        index: usize,
    },
    RequirementText {
        section: usize,
        index: usize,
    },
    SummaryDeadline(usize),
    SummaryWhat(usize),
    SummaryTo(usize),
    SummaryExtra(usize),
    TaskName(usize),
    TaskDescription(usize),
    TaskTime(usize),
    TaskPlace(usize),
    TaskLead(usize),
    TaskSupport {
        task: usize,
        index: usize,
    },
    ContactName(usize),
    Attachment(usize),
    SigningOrgan(usize),
    SignatureDate,
    ProxyNote,
    Note,
    Cc(usize),
    Printer,
}

/// What a field holds, for rules that apply to some kinds only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Sentences and paragraphs.
    Prose,
    /// A title (no final punctuation).
    Title,
    /// A heading the export numbers itself.
    Heading,
    /// A name: organ, department, person.
    Name,
    /// An 附件说明 entry.
    Attachment,
    /// A 主送机关 entry.
    Recipient,
    /// Generated or structured text (a date, a 发文字号), not typed prose.
    Code,
}

/// A field, its text and its kind.
pub type FieldText<'a> = (Place, Cow<'a, str>, FieldKind);

/// Every text field with its text and kind, in the notice's order.
pub fn fields<'a>(notice: &'a Notice) -> Vec<FieldText<'a>> {
    use FieldKind::*;
    let mut out: Vec<FieldText<'a>> = Vec::new();
    // The composed titles are the only texts not borrowed.
    out.push((Place::Title, Cow::Owned(compose::title(notice)), Title));
    if notice.shape == crate::NoticeShape::IssuesPlan {
        out.push((
            Place::PlanTitle,
            Cow::Owned(compose::plan_title(notice)),
            Title,
        ));
    }
    let mut push = |place: Place, text: &'a str, kind: FieldKind| {
        if !text.trim().is_empty() {
            out.push((place, Cow::Borrowed(text), kind));
        }
    };
    push(Place::CampaignName, &notice.campaign.name, Name);
    for (i, organ) in notice.header.organs.iter().enumerate() {
        push(Place::Organ(i), organ, Name);
    }
    for (i, signer) in notice.header.signers.iter().enumerate() {
        push(Place::Signer(i), signer, Name);
    }
    for (i, r) in notice.recipients.iter().enumerate() {
        push(Place::Recipient(i), r, Recipient);
    }
    if notice.shape == crate::NoticeShape::IssuesPlan {
        for (i, p) in notice.cover_body.iter().enumerate() {
            push(Place::CoverBody(i), p, Prose);
        }
    }
    for (s, section) in notice.sections.iter().enumerate() {
        push(Place::SectionHeading(s), &section.heading, Heading);
        match &section.content {
            SectionContent::Preamble { paragraphs } => {
                for (index, p) in paragraphs.iter().enumerate() {
                    push(Place::Paragraph { section: s, index }, p, Prose);
                }
            }
            SectionContent::Text { blocks } => {
                for (index, b) in blocks.iter().enumerate() {
                    let kind = if b.level == crate::Level::Body {
                        Prose
                    } else {
                        Heading
                    };
                    push(Place::Block { section: s, index }, &b.text, kind);
                }
            }
            SectionContent::Theme { theme } => push(Place::Theme(s), theme, Prose),
            SectionContent::Time { text } => push(Place::Time(s), text, Prose),
            SectionContent::Tasks { intro } => push(Place::TasksIntro(s), intro, Prose),
            SectionContent::ByDepartment { groups } => {
                for (g, group) in groups.iter().enumerate() {
                    push(
                        Place::Department {
                            section: s,
                            group: g,
                        },
                        &group.department,
                        Name,
                    );
                    for (index, a) in group.activities.iter().enumerate() {
                        push(
                            Place::Activity {
                                section: s,
                                group: g,
                                index,
                            },
                            a,
                            Prose,
                        );
                    }
                }
            }
            SectionContent::Requirements { items } => {
                for (index, item) in items.iter().enumerate() {
                    push(
                        Place::RequirementLead { section: s, index },
                        &item.lead,
                        Heading,
                    );
                    push(
                        Place::RequirementText { section: s, index },
                        &item.text,
                        Prose,
                    );
                }
            }
            SectionContent::Summary(summary) => {
                push(Place::SummaryWhat(s), &summary.what, Prose);
                push(Place::SummaryTo(s), &summary.to, Prose);
                push(Place::SummaryExtra(s), &summary.extra, Prose);
            }
        }
    }
    let numbered_tasks = notice.tasks.layout != crate::TaskLayout::Table;
    for (i, t) in notice.tasks.rows.iter().enumerate() {
        let name_kind = if numbered_tasks { Heading } else { Prose };
        push(Place::TaskName(i), &t.name, name_kind);
        push(Place::TaskDescription(i), &t.description, Prose);
        push(Place::TaskTime(i), &t.time, Prose);
        push(Place::TaskPlace(i), &t.place, Prose);
        push(Place::TaskLead(i), &t.lead, Name);
        for (index, s) in t.support.iter().enumerate() {
            push(Place::TaskSupport { task: i, index }, s, Name);
        }
    }
    for (i, c) in notice.contacts.iter().enumerate() {
        push(Place::ContactName(i), &c.name, Name);
    }
    for (i, a) in notice.attachments.iter().enumerate() {
        push(Place::Attachment(i), a, Attachment);
    }
    for (i, o) in notice.signature.organs.iter().enumerate() {
        push(Place::SigningOrgan(i), o, Name);
    }
    push(Place::ProxyNote, &notice.signature.proxy_note, Prose);
    push(Place::Note, &notice.note, Prose);
    for (i, c) in notice.imprint.cc.iter().enumerate() {
        push(Place::Cc(i), c, Name);
    }
    push(Place::Printer, &notice.imprint.printer, Name);
    out
}

/// Sort key: the order of the fields in the notice.
pub fn order(place: Place) -> (u8, usize, usize, usize) {
    use Place::*;
    match place {
        CampaignName => (0, 0, 0, 0),
        Organ(i) => (1, i, 0, 0),
        DocNumber => (2, 0, 0, 0),
        Signer(i) => (3, i, 0, 0),
        Title => (4, 0, 0, 0),
        Recipient(i) => (5, i, 0, 0),
        CoverBody(i) => (6, i, 0, 0),
        PlanTitle => (7, 0, 0, 0),
        SectionHeading(s) => (8, s, 0, 0),
        Paragraph { section, index }
        | Block { section, index }
        | RequirementLead { section, index } => (8, section, 1, index * 2),
        RequirementText { section, index } => (8, section, 1, index * 2 + 1),
        Theme(s) | Time(s) | TasksIntro(s) | SummaryDeadline(s) => (8, s, 1, 0),
        SummaryWhat(s) => (8, s, 1, 1),
        SummaryTo(s) => (8, s, 1, 2),
        SummaryExtra(s) => (8, s, 1, 3),
        Department { section, group } => (8, section, 2 + group, 0),
        Activity {
            section,
            group,
            index,
        } => (8, section, 2 + group, 1 + index),
        TaskName(i) => (9, i, 0, 0),
        TaskDescription(i) => (9, i, 1, 0),
        TaskTime(i) => (9, i, 2, 0),
        TaskPlace(i) => (9, i, 3, 0),
        TaskLead(i) => (9, i, 4, 0),
        TaskSupport { task, index } => (9, task, 5, index),
        ContactName(i) => (10, i, 0, 0),
        Attachment(i) => (11, i, 0, 0),
        SigningOrgan(i) => (12, i, 0, 0),
        SignatureDate => (13, 0, 0, 0),
        ProxyNote => (14, 0, 0, 0),
        Note => (15, 0, 0, 0),
        Cc(i) => (16, i, 0, 0),
        Printer => (17, 0, 0, 0),
    }
}

impl Place {
    /// The field's kind in this notice.
    pub fn kind(self, notice: &Notice) -> FieldKind {
        use FieldKind::*;
        match self {
            Place::Title | Place::PlanTitle => Title,
            Place::Recipient(_) => Recipient,
            Place::Attachment(_) => Attachment,
            Place::DocNumber | Place::SignatureDate | Place::SummaryDeadline(_) => Code,
            Place::SectionHeading(_) | Place::RequirementLead { .. } => Heading,
            Place::Block { section, index } => {
                match notice.sections.get(section).map(|s| &s.content) {
                    Some(SectionContent::Text { blocks })
                        if blocks
                            .get(index)
                            .is_some_and(|b| b.level != crate::Level::Body) =>
                    {
                        Heading
                    }
                    _ => Prose,
                }
            }
            Place::TaskName(_) if notice.tasks.layout != crate::TaskLayout::Table => Heading,
            Place::CampaignName
            | Place::Organ(_)
            | Place::Signer(_)
            | Place::Department { .. }
            | Place::TaskLead(_)
            | Place::TaskSupport { .. }
            | Place::ContactName(_)
            | Place::SigningOrgan(_)
            | Place::Cc(_)
            | Place::Printer => Name,
            _ => Prose,
        }
    }

    /// The field's text (the composed title when none is typed).
    pub fn text(self, notice: &Notice) -> Option<Cow<'_, str>> {
        let section = |s: usize| notice.sections.get(s).map(|s| &s.content);
        let text: &str = match self {
            Place::Title => return Some(Cow::Owned(compose::title(notice))),
            Place::PlanTitle => return Some(Cow::Owned(compose::plan_title(notice))),
            Place::DocNumber => return Some(Cow::Owned(notice.header.doc_number.to_string())),
            Place::SignatureDate => {
                return notice.signature.date.map(|d| Cow::Owned(d.to_string()))
            }
            Place::SummaryDeadline(s) => {
                return match section(s)? {
                    SectionContent::Summary(summary) => {
                        summary.deadline.map(|d| Cow::Owned(d.to_string()))
                    }
                    _ => None,
                }
            }
            Place::CampaignName => &notice.campaign.name,
            Place::Organ(i) => notice.header.organs.get(i)?,
            Place::Signer(i) => notice.header.signers.get(i)?,
            Place::Recipient(i) => notice.recipients.get(i)?,
            Place::CoverBody(i) => notice.cover_body.get(i)?,
            Place::SectionHeading(s) => &notice.sections.get(s)?.heading,
            Place::Paragraph { section: s, index } => match section(s)? {
                SectionContent::Preamble { paragraphs } => paragraphs.get(index)?,
                _ => return None,
            },
            Place::Block { section: s, index } => match section(s)? {
                SectionContent::Text { blocks } => &blocks.get(index)?.text,
                _ => return None,
            },
            Place::Theme(s) => match section(s)? {
                SectionContent::Theme { theme } => theme,
                _ => return None,
            },
            Place::Time(s) => match section(s)? {
                SectionContent::Time { text } => text,
                _ => return None,
            },
            Place::TasksIntro(s) => match section(s)? {
                SectionContent::Tasks { intro } => intro,
                _ => return None,
            },
            Place::Department { section: s, group } => match section(s)? {
                SectionContent::ByDepartment { groups } => &groups.get(group)?.department,
                _ => return None,
            },
            Place::Activity {
                section: s,
                group,
                index,
            } => match section(s)? {
                SectionContent::ByDepartment { groups } => {
                    groups.get(group)?.activities.get(index)?
                }
                _ => return None,
            },
            Place::RequirementLead { section: s, index } => match section(s)? {
                SectionContent::Requirements { items } => &items.get(index)?.lead,
                _ => return None,
            },
            Place::RequirementText { section: s, index } => match section(s)? {
                SectionContent::Requirements { items } => &items.get(index)?.text,
                _ => return None,
            },
            Place::SummaryWhat(s) | Place::SummaryTo(s) | Place::SummaryExtra(s) => {
                match section(s)? {
                    SectionContent::Summary(summary) => match self {
                        Place::SummaryWhat(_) => &summary.what,
                        Place::SummaryTo(_) => &summary.to,
                        _ => &summary.extra,
                    },
                    _ => return None,
                }
            }
            Place::TaskName(i) => &notice.tasks.rows.get(i)?.name,
            Place::TaskDescription(i) => &notice.tasks.rows.get(i)?.description,
            Place::TaskTime(i) => &notice.tasks.rows.get(i)?.time,
            Place::TaskPlace(i) => &notice.tasks.rows.get(i)?.place,
            Place::TaskLead(i) => &notice.tasks.rows.get(i)?.lead,
            Place::TaskSupport { task, index } => {
                notice.tasks.rows.get(task)?.support.get(index)?
            }
            Place::ContactName(i) => &notice.contacts.get(i)?.name,
            Place::Attachment(i) => notice.attachments.get(i)?,
            Place::SigningOrgan(i) => notice.signature.organs.get(i)?,
            Place::ProxyNote => &notice.signature.proxy_note,
            Place::Note => &notice.note,
            Place::Cc(i) => notice.imprint.cc.get(i)?,
            Place::Printer => &notice.imprint.printer,
        };
        Some(Cow::Borrowed(text))
    }

    /// The field's text to edit; a composed title becomes the typed one.
    pub fn text_mut(self, notice: &mut Notice) -> Option<&mut String> {
        fn section(notice: &mut Notice, s: usize) -> Option<&mut SectionContent> {
            notice.sections.get_mut(s).map(|s| &mut s.content)
        }
        Some(match self {
            Place::CampaignName => &mut notice.campaign.name,
            Place::Organ(i) => notice.header.organs.get_mut(i)?,
            Place::Signer(i) => notice.header.signers.get_mut(i)?,
            Place::Title => {
                if notice.title.is_none() {
                    notice.title = Some(compose::title(notice));
                }
                notice.title.as_mut()?
            }
            Place::PlanTitle => {
                if notice.plan_title.is_none() {
                    notice.plan_title = Some(compose::plan_title(notice));
                }
                notice.plan_title.as_mut()?
            }
            Place::Recipient(i) => notice.recipients.get_mut(i)?,
            Place::CoverBody(i) => notice.cover_body.get_mut(i)?,
            Place::SectionHeading(s) => &mut notice.sections.get_mut(s)?.heading,
            Place::Paragraph { section: s, index } => match section(notice, s)? {
                SectionContent::Preamble { paragraphs } => paragraphs.get_mut(index)?,
                _ => return None,
            },
            Place::Block { section: s, index } => match section(notice, s)? {
                SectionContent::Text { blocks } => &mut blocks.get_mut(index)?.text,
                _ => return None,
            },
            Place::Theme(s) => match section(notice, s)? {
                SectionContent::Theme { theme } => theme,
                _ => return None,
            },
            Place::Time(s) => match section(notice, s)? {
                SectionContent::Time { text } => text,
                _ => return None,
            },
            Place::TasksIntro(s) => match section(notice, s)? {
                SectionContent::Tasks { intro } => intro,
                _ => return None,
            },
            Place::Department { section: s, group } => match section(notice, s)? {
                SectionContent::ByDepartment { groups } => &mut groups.get_mut(group)?.department,
                _ => return None,
            },
            Place::Activity {
                section: s,
                group,
                index,
            } => match section(notice, s)? {
                SectionContent::ByDepartment { groups } => {
                    groups.get_mut(group)?.activities.get_mut(index)?
                }
                _ => return None,
            },
            Place::RequirementLead { section: s, index } => match section(notice, s)? {
                SectionContent::Requirements { items } => &mut items.get_mut(index)?.lead,
                _ => return None,
            },
            Place::RequirementText { section: s, index } => match section(notice, s)? {
                SectionContent::Requirements { items } => &mut items.get_mut(index)?.text,
                _ => return None,
            },
            Place::SummaryWhat(s) | Place::SummaryTo(s) | Place::SummaryExtra(s) => {
                match section(notice, s)? {
                    SectionContent::Summary(summary) => match self {
                        Place::SummaryWhat(_) => &mut summary.what,
                        Place::SummaryTo(_) => &mut summary.to,
                        _ => &mut summary.extra,
                    },
                    _ => return None,
                }
            }
            Place::TaskName(i) => &mut notice.tasks.rows.get_mut(i)?.name,
            Place::TaskDescription(i) => &mut notice.tasks.rows.get_mut(i)?.description,
            Place::TaskTime(i) => &mut notice.tasks.rows.get_mut(i)?.time,
            Place::TaskPlace(i) => &mut notice.tasks.rows.get_mut(i)?.place,
            Place::TaskLead(i) => &mut notice.tasks.rows.get_mut(i)?.lead,
            Place::TaskSupport { task, index } => {
                notice.tasks.rows.get_mut(task)?.support.get_mut(index)?
            }
            Place::ContactName(i) => &mut notice.contacts.get_mut(i)?.name,
            Place::Attachment(i) => notice.attachments.get_mut(i)?,
            Place::SigningOrgan(i) => notice.signature.organs.get_mut(i)?,
            Place::ProxyNote => &mut notice.signature.proxy_note,
            Place::Note => &mut notice.note,
            Place::Cc(i) => notice.imprint.cc.get_mut(i)?,
            Place::Printer => &mut notice.imprint.printer,
            Place::DocNumber | Place::SignatureDate | Place::SummaryDeadline(_) => return None,
        })
    }

    /// The field's name for the user, e.g. 第3项活动的活动时间.
    pub fn label(self, notice: &Notice) -> String {
        let heading = |s: usize| {
            notice
                .sections
                .get(s)
                .map(|sec| {
                    let h = sec.heading.trim();
                    if h.is_empty() {
                        sec.content.kind_label().to_owned()
                    } else {
                        h.to_owned()
                    }
                })
                .unwrap_or_default()
        };
        match self {
            Place::CampaignName => "活动名称".into(),
            Place::Organ(i) => format!("第{}个发文机关", i + 1),
            Place::DocNumber => "发文字号".into(),
            Place::Signer(i) => format!("第{}位签发人", i + 1),
            Place::Title => "标题".into(),
            Place::Recipient(i) => format!("主送机关（第{}项）", i + 1),
            Place::CoverBody(i) => format!("印发通知正文第{}段", i + 1),
            Place::PlanTitle => "方案标题".into(),
            Place::SectionHeading(s) => format!("第{}部分的标题", s + 1),
            Place::Paragraph { section, index } => {
                format!("“{}”第{}段", heading(section), index + 1)
            }
            Place::Block { section, index } => format!("“{}”第{}段", heading(section), index + 1),
            Place::Theme(_) => "活动主题".into(),
            Place::Time(_) => "活动时间".into(),
            Place::TasksIntro(s) => format!("“{}”的引言", heading(s)),
            Place::Department { group, .. } => format!("第{}个部门的名称", group + 1),
            Place::Activity { group, index, .. } => {
                format!("第{}个部门的第{}项活动", group + 1, index + 1)
            }
            Place::RequirementLead { index, .. } => format!("第{}条要求的标题", index + 1),
            Place::RequirementText { index, .. } => format!("第{}条要求的内容", index + 1),
            Place::SummaryDeadline(_) => "总结报送的截止日期".into(),
            Place::SummaryWhat(_) => "总结报送的内容".into(),
            Place::SummaryTo(_) => "总结报送的对象".into(),
            Place::SummaryExtra(_) => "总结报送的补充说明".into(),
            Place::TaskName(i) => format!("第{}项活动的活动内容", i + 1),
            Place::TaskDescription(i) => format!("第{}项活动的说明", i + 1),
            Place::TaskTime(i) => format!("第{}项活动的活动时间", i + 1),
            Place::TaskPlace(i) => format!("第{}项活动的地点", i + 1),
            Place::TaskLead(i) => format!("第{}项活动的牵头部门", i + 1),
            Place::TaskSupport { task, .. } => format!("第{}项活动的配合部门", task + 1),
            Place::ContactName(i) => format!("第{}位联系人", i + 1),
            Place::Attachment(i) => format!("附件说明（第{}项）", i + 1),
            Place::SigningOrgan(i) => format!("署名（第{}个机关）", i + 1),
            Place::SignatureDate => "成文日期".into(),
            Place::ProxyNote => "署名说明".into(),
            Place::Note => "附注".into(),
            Place::Cc(i) => format!("抄送机关（第{}项）", i + 1),
            Place::Printer => "印发机关".into(),
        }
    }

    /// Where the field is in the draft file's `notice`, as a path:
    /// `tasks.rows[3].lead`, `sections[2].content.blocks[0].text`.
    pub fn path(self) -> String {
        let sec = |s: usize, rest: &str| format!("sections[{s}].{rest}");
        match self {
            Place::CampaignName => "campaign.name".into(),
            Place::Organ(i) => format!("header.organs[{i}]"),
            Place::DocNumber => "header.doc_number".into(),
            Place::Signer(i) => format!("header.signers[{i}]"),
            Place::Title => "title".into(),
            Place::Recipient(i) => format!("recipients[{i}]"),
            Place::CoverBody(i) => format!("cover_body[{i}]"),
            Place::PlanTitle => "plan_title".into(),
            Place::SectionHeading(s) => sec(s, "heading"),
            Place::Paragraph { section, index } => {
                sec(section, &format!("content.paragraphs[{index}]"))
            }
            Place::Block { section, index } => {
                sec(section, &format!("content.blocks[{index}].text"))
            }
            Place::Theme(s) => sec(s, "content.theme"),
            Place::Time(s) => sec(s, "content.text"),
            Place::TasksIntro(s) => sec(s, "content.intro"),
            Place::Department { section, group } => {
                sec(section, &format!("content.groups[{group}].department"))
            }
            Place::Activity {
                section,
                group,
                index,
            } => sec(
                section,
                &format!("content.groups[{group}].activities[{index}]"),
            ),
            Place::RequirementLead { section, index } => {
                sec(section, &format!("content.items[{index}].lead"))
            }
            Place::RequirementText { section, index } => {
                sec(section, &format!("content.items[{index}].text"))
            }
            Place::SummaryDeadline(s) => sec(s, "content.deadline"),
            Place::SummaryWhat(s) => sec(s, "content.what"),
            Place::SummaryTo(s) => sec(s, "content.to"),
            Place::SummaryExtra(s) => sec(s, "content.extra"),
            Place::TaskName(i) => format!("tasks.rows[{i}].name"),
            Place::TaskDescription(i) => format!("tasks.rows[{i}].description"),
            Place::TaskTime(i) => format!("tasks.rows[{i}].time"),
            Place::TaskPlace(i) => format!("tasks.rows[{i}].place"),
            Place::TaskLead(i) => format!("tasks.rows[{i}].lead"),
            Place::TaskSupport { task, index } => format!("tasks.rows[{task}].support[{index}]"),
            Place::ContactName(i) => format!("contacts[{i}].name"),
            Place::Attachment(i) => format!("attachments[{i}]"),
            Place::SigningOrgan(i) => format!("signature.organs[{i}]"),
            Place::SignatureDate => "signature.date".into(),
            Place::ProxyNote => "signature.proxy_note".into(),
            Place::Note => "note".into(),
            Place::Cc(i) => format!("imprint.cc[{i}]"),
            Place::Printer => "imprint.printer".into(),
        }
    }

    /// The editor's field this text belongs to.
    pub fn field(self, notice: &Notice) -> Field {
        let sid = |s: usize| notice.sections.get(s).map_or(0, |sec| sec.id);
        let section = |s: usize, part: SectionField| Field::Section(sid(s), part);
        match self {
            Place::CampaignName => Field::CampaignName,
            Place::Organ(_) => Field::Organs,
            Place::DocNumber => Field::DocNumber,
            Place::Signer(_) => Field::Signers,
            Place::Title => Field::Title,
            Place::Recipient(_) => Field::Recipients,
            Place::CoverBody(_) => Field::CoverBody,
            Place::PlanTitle => Field::PlanTitle,
            Place::SectionHeading(s) => section(s, SectionField::Heading),
            Place::Paragraph { section: s, .. } => section(s, SectionField::Text),
            Place::Block { section: s, index } => section(s, SectionField::Block(index)),
            Place::Theme(s) => section(s, SectionField::Theme),
            Place::Time(s) => section(s, SectionField::Time),
            Place::TasksIntro(s) => section(s, SectionField::Intro),
            Place::Department { section: s, group } => section(s, SectionField::Department(group)),
            Place::Activity {
                section: s, group, ..
            } => section(s, SectionField::Activities(group)),
            Place::RequirementLead { index, .. } => {
                Field::Requirement(index, RequirementField::Lead)
            }
            Place::RequirementText { index, .. } => {
                Field::Requirement(index, RequirementField::Text)
            }
            Place::SummaryDeadline(s) => section(s, SectionField::Deadline),
            Place::SummaryWhat(s) => section(s, SectionField::What),
            Place::SummaryTo(s) => section(s, SectionField::To),
            Place::SummaryExtra(s) => section(s, SectionField::Extra),
            Place::TaskName(i) => Field::Task(i, TaskField::Name),
            Place::TaskDescription(i) => Field::Task(i, TaskField::Description),
            Place::TaskTime(i) => Field::Task(i, TaskField::Time),
            Place::TaskPlace(i) => Field::Task(i, TaskField::Place),
            Place::TaskLead(i) => Field::Task(i, TaskField::Lead),
            Place::TaskSupport { task, .. } => Field::Task(task, TaskField::Support),
            Place::ContactName(i) => Field::Contact(i, ContactField::Name),
            Place::Attachment(_) => Field::Attachments,
            Place::SigningOrgan(_) => Field::SignatureOrgans,
            Place::SignatureDate => Field::SignatureDate,
            Place::ProxyNote => Field::ProxyNote,
            Place::Note => Field::Note,
            Place::Cc(_) => Field::ImprintCc,
            Place::Printer => Field::ImprintPrinter,
        }
    }
}
