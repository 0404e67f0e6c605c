//! The notice's editable fields, typed: what a problem points at, what a
//! block on the page comes from, and what the editor draws an input for.
//! The editor gives each field its element id (the web crate); nothing here
//! knows about ids.

use crate::model::SectionContent;
use crate::validate::Step;

/// One editable field of the notice. Sections are named by their stable
/// id, list entries (tasks, requirements, contacts…) by their index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 发文机关 (every organ: one field, one per line).
    Organs,
    /// Whether the 发文机关标志 reads "…文件".
    WithWenjian,
    /// 通用格式 or 信函格式.
    HeaderForm,
    DocNumber,
    CopyNumber,
    Secrecy,
    Urgency,
    Signers,
    CampaignName,
    CampaignYear,
    Title,
    Recipients,
    CoverBody,
    PlanTitle,
    /// Adding a section: where a notice without a body is sent.
    AddSection,
    Section(u32, SectionField),
    LeadLabel,
    SupportLabel,
    Task(usize, TaskField),
    /// An item of the first 活动要求 section (the step that edits them).
    Requirement(usize, RequirementField),
    Contact(usize, ContactField),
    Attachments,
    /// The n-th attachment page (in `Notice::attachment_pages`).
    Attachment(usize, AttachmentField),
    /// Adding an attachment page.
    AddAttachment,
    SignatureOrgans,
    ProxyNote,
    Sealed,
    SignatureDate,
    Note,
    ImprintCc,
    ImprintPrinter,
    ImprintDate,
}

/// A field of one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionField {
    Heading,
    /// The opening paragraphs of a [`SectionKind::Preamble`].
    Text,
    /// The n-th paragraph of a [`SectionKind::Text`].
    Block(usize),
    /// Its heading level.
    BlockLevel(usize),
    Theme,
    /// The button that fills in the year's national theme.
    ThemePreset,
    Time,
    Intro,
    /// The n-th department of a [`SectionKind::ByDepartment`].
    Department(usize),
    /// Its activities.
    Activities(usize),
    Deadline,
    What,
    To,
    Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskField {
    Name,
    Description,
    Time,
    Place,
    Lead,
    Support,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequirementField {
    Lead,
    Text,
}

/// A field of one attachment page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentField {
    Name,
    Kind,
    /// Its paragraphs (a text attachment).
    Paragraphs,
    /// Its items (a list).
    Items,
    /// Its table's column headings.
    Columns,
    /// Its table's rows.
    Rows,
    /// The lines above its table (填报单位：…).
    Above,
    /// The lines under its table (注：…).
    Below,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    Name,
    Phone,
    Email,
    Fax,
}

impl Field {
    /// The editor step that has the field.
    pub fn step(self) -> Step {
        use Field::*;
        match self {
            Organs | WithWenjian | HeaderForm | DocNumber | CopyNumber | Secrecy | Urgency
            | Signers | CampaignName | CampaignYear => Step::Header,
            Title | Recipients | CoverBody | PlanTitle => Step::Title,
            AddSection | Section(..) => Step::Body,
            LeadLabel | SupportLabel | Task(..) => Step::Tasks,
            Requirement(..) => Step::Requirements,
            Contact(..) | Attachments | Attachment(..) | AddAttachment => Step::Contacts,
            SignatureOrgans | ProxyNote | Sealed | SignatureDate | Note | ImprintCc
            | ImprintPrinter | ImprintDate => Step::Closing,
        }
    }

    /// The fields that make one thing on the page together (a task row, a
    /// requirement, a contact, the signature, the 版记…), named by one of
    /// them: editing any highlights all they make.
    pub fn group(self) -> Field {
        use Field::*;
        match self {
            Task(row, _) => Task(row, TaskField::Name),
            Requirement(item, _) => Requirement(item, RequirementField::Lead),
            Contact(i, _) => Contact(i, ContactField::Name),
            Attachment(i, _) => Attachment(i, AttachmentField::Name),
            Section(id, SectionField::Activities(i)) => Section(id, SectionField::Department(i)),
            Section(id, SectionField::BlockLevel(i)) => Section(id, SectionField::Block(i)),
            Section(id, SectionField::ThemePreset) => Section(id, SectionField::Theme),
            Section(id, SectionField::Deadline | SectionField::To | SectionField::Extra) => {
                Section(id, SectionField::What)
            }
            WithWenjian | HeaderForm => Organs,
            Signers => DocNumber,
            CampaignName | CampaignYear => Title,
            ProxyNote | Sealed | SignatureDate => SignatureOrgans,
            ImprintPrinter | ImprintDate => ImprintCc,
            other => other,
        }
    }
}

/// What kind of section a section is: its tag in draft files, its name in
/// the editor, its usual heading and its content when added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Preamble,
    Text,
    Theme,
    Time,
    Tasks,
    ByDepartment,
    Requirements,
    Summary,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Preamble,
        SectionKind::Text,
        SectionKind::Theme,
        SectionKind::Time,
        SectionKind::Tasks,
        SectionKind::ByDepartment,
        SectionKind::Requirements,
        SectionKind::Summary,
    ];

    /// The `type` in draft files.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Preamble => "preamble",
            Self::Text => "text",
            Self::Theme => "theme",
            Self::Time => "time",
            Self::Tasks => "tasks",
            Self::ByDepartment => "by_department",
            Self::Requirements => "requirements",
            Self::Summary => "summary",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// The kind's name on its card in the editor.
    pub fn label(self) -> &'static str {
        match self {
            Self::Preamble => "开头（依据）",
            Self::Text => "文字段落",
            Self::Theme => "活动主题",
            Self::Time => "活动时间",
            Self::Tasks => "活动安排",
            Self::ByDepartment => "分部门活动",
            Self::Requirements => "活动要求",
            Self::Summary => "总结报送",
        }
    }

    /// The kind as offered when adding a section: the name, and what such
    /// a section is for.
    pub fn choice(self) -> &'static str {
        match self {
            Self::Preamble => "开头（依据和目的）",
            Self::Text => "文字段落（指导思想、目标任务等）",
            Self::Theme => "活动主题",
            Self::Time => "活动时间",
            Self::Tasks => "活动安排（任务清单）",
            Self::ByDepartment => "分部门活动",
            Self::Requirements => "活动要求",
            Self::Summary => "总结报送",
        }
    }

    /// The heading a new section of this kind gets.
    pub fn default_heading(self) -> &'static str {
        match self {
            Self::Preamble => "",
            Self::Text => "指导思想",
            Self::Theme => "活动主题",
            Self::Time => "活动时间",
            Self::Tasks => "活动安排",
            Self::ByDepartment => "各部门活动安排",
            Self::Requirements => "活动要求",
            Self::Summary => "总结报送",
        }
    }

    /// The content of a section added in the editor: lists start with one
    /// blank entry to fill in.
    pub fn new_content(self) -> SectionContent {
        match self {
            Self::Text => SectionContent::Text {
                blocks: vec![Default::default()],
            },
            Self::ByDepartment => SectionContent::ByDepartment {
                groups: vec![Default::default()],
            },
            Self::Requirements => SectionContent::Requirements {
                items: vec![Default::default()],
            },
            other => other.empty(),
        }
    }

    /// The content with nothing in it.
    pub fn empty(self) -> SectionContent {
        match self {
            Self::Preamble => SectionContent::Preamble {
                paragraphs: Vec::new(),
            },
            Self::Text => SectionContent::Text { blocks: Vec::new() },
            Self::Theme => SectionContent::Theme {
                theme: String::new(),
            },
            Self::Time => SectionContent::Time {
                text: String::new(),
            },
            Self::Tasks => SectionContent::Tasks {
                intro: String::new(),
            },
            Self::ByDepartment => SectionContent::ByDepartment { groups: Vec::new() },
            Self::Requirements => SectionContent::Requirements { items: Vec::new() },
            Self::Summary => SectionContent::Summary(Default::default()),
        }
    }
}

impl SectionContent {
    pub fn kind(&self) -> SectionKind {
        match self {
            Self::Preamble { .. } => SectionKind::Preamble,
            Self::Text { .. } => SectionKind::Text,
            Self::Theme { .. } => SectionKind::Theme,
            Self::Time { .. } => SectionKind::Time,
            Self::Tasks { .. } => SectionKind::Tasks,
            Self::ByDepartment { .. } => SectionKind::ByDepartment,
            Self::Requirements { .. } => SectionKind::Requirements,
            Self::Summary(_) => SectionKind::Summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_find_their_step() {
        for (field, step) in [
            (Field::Organs, Step::Header),
            (Field::DocNumber, Step::Header),
            (Field::CopyNumber, Step::Header),
            (Field::Title, Step::Title),
            (Field::Recipients, Step::Title),
            (Field::CoverBody, Step::Title),
            (Field::PlanTitle, Step::Title),
            (Field::Section(3, SectionField::Heading), Step::Body),
            (Field::Section(3, SectionField::Block(2)), Step::Body),
            (Field::Task(3, TaskField::Name), Step::Tasks),
            (Field::Task(0, TaskField::Support), Step::Tasks),
            (
                Field::Requirement(1, RequirementField::Text),
                Step::Requirements,
            ),
            (Field::Contact(0, ContactField::Phone), Step::Contacts),
            (Field::Attachments, Step::Contacts),
            (Field::Attachment(1, AttachmentField::Rows), Step::Contacts),
            (Field::SignatureOrgans, Step::Closing),
            (Field::Note, Step::Closing),
            (Field::ImprintCc, Step::Closing),
        ] {
            assert_eq!(field.step(), step, "{field:?}");
        }
    }

    #[test]
    fn fields_of_one_part_share_a_group() {
        use SectionField as S;
        let task = |row, part| Field::Task(row, part);
        let section = |id, part| Field::Section(id, part);
        for (a, b) in [
            (task(3, TaskField::Name), task(3, TaskField::Lead)),
            (task(3, TaskField::Description), task(3, TaskField::Support)),
            (
                Field::Requirement(1, RequirementField::Lead),
                Field::Requirement(1, RequirementField::Text),
            ),
            (
                Field::Contact(0, ContactField::Name),
                Field::Contact(0, ContactField::Email),
            ),
            (section(2, S::Block(4)), section(2, S::BlockLevel(4))),
            (section(2, S::Department(1)), section(2, S::Activities(1))),
            (section(5, S::What), section(5, S::Deadline)),
            (Field::SignatureOrgans, Field::SignatureDate),
            (Field::Sealed, Field::ProxyNote),
            (Field::ImprintCc, Field::ImprintDate),
            (
                Field::Attachment(1, AttachmentField::Name),
                Field::Attachment(1, AttachmentField::Rows),
            ),
            (Field::Organs, Field::WithWenjian),
            (Field::Organs, Field::HeaderForm),
            (Field::DocNumber, Field::Signers),
            (Field::Title, Field::CampaignYear),
            (section(7, S::Theme), section(7, S::ThemePreset)),
        ] {
            assert_eq!(a.group(), b.group(), "{a:?} {b:?}");
        }
        for (a, b) in [
            (task(3, TaskField::Name), task(30, TaskField::Name)),
            (task(3, TaskField::Name), task(4, TaskField::Name)),
            (section(2, S::Heading), section(2, S::Block(0))),
            (section(2, S::Block(1)), section(2, S::Block(10))),
            (Field::Title, Field::PlanTitle),
            (section(1, S::Text), section(2, S::Text)),
            (
                Field::Attachment(0, AttachmentField::Items),
                Field::Attachment(1, AttachmentField::Items),
            ),
            (
                Field::Requirement(1, RequirementField::Lead),
                Field::Requirement(2, RequirementField::Lead),
            ),
        ] {
            assert_ne!(a.group(), b.group(), "{a:?} {b:?}");
        }
    }

    #[test]
    fn every_kind_has_its_tag_and_an_empty_content_of_its_kind() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::from_tag(kind.tag()), Some(kind));
            assert_eq!(kind.empty().kind(), kind);
            assert_eq!(kind.new_content().kind(), kind);
        }
        assert_eq!(SectionKind::from_tag("unknown"), None);
    }
}
