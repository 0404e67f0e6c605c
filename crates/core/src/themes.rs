//! The official theme of each year's national 质量月, offered as a preset
//! for the 活动主题 section and used when a notice is rolled forward.
//! Each entry names where the theme was announced.

/// One year's national theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationalTheme {
    pub year: u16,
    pub theme: &'static str,
    /// The notice (or announcement) that set it.
    pub source: &'static str,
}

/// Known themes, oldest first.
pub const NATIONAL_THEMES: &[NationalTheme] = &[
    NationalTheme {
        year: 2017,
        theme: "大力提升质量 建设质量强国",
        source: "国家质检总局2017年9月1日新闻发布会（新华社报道）",
    },
    NationalTheme {
        year: 2019,
        theme: "共创中国质量 建设质量强国",
        source: "《市场监管总局等14个部门关于开展2019年全国“质量月”活动的通知》（国市监质〔2019〕162号）",
    },
    NationalTheme {
        year: 2020,
        theme: "建设质量强国 决胜全面小康",
        source: "《市场监管总局等16个部门关于开展2020年全国“质量月”活动的通知》（国市监质〔2020〕133号）",
    },
    NationalTheme {
        year: 2021,
        theme: "深入实施质量提升行动 大力推进质量强国建设",
        source: "市场监管总局等20个部门关于开展2021年全国“质量月”活动的通知",
    },
    NationalTheme {
        year: 2022,
        theme: "推动质量变革创新 促进质量强国建设",
        source: "市场监管总局等21个部门关于开展2022年全国“质量月”活动的通知",
    },
    NationalTheme {
        year: 2023,
        theme: "增强质量意识 推进高质量发展",
        source: "《市场监管总局等25个部门关于开展2023年全国“质量月”活动的通知》（国市监质发〔2023〕73号）",
    },
    NationalTheme {
        year: 2024,
        theme: "加强质量支撑 共建质量强国",
        source: "市场监管总局等27个部门关于开展2024年全国“质量月”活动的通知",
    },
    NationalTheme {
        year: 2025,
        theme: "加强全面质量管理 促进质量强国建设",
        source: "市场监管总局等26个部门关于开展2025年全国“质量月”活动的通知",
    },
];

/// The national theme of `year`, when known.
pub fn national_theme(year: u16) -> Option<&'static NationalTheme> {
    NATIONAL_THEMES.iter().find(|t| t.year == year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_from_2019_to_2024_are_all_known_with_a_source() {
        for year in 2019..=2024 {
            let theme = national_theme(year).unwrap_or_else(|| panic!("no theme for {year}"));
            assert!(!theme.theme.is_empty() && theme.source.contains(&year.to_string()));
        }
        assert_eq!(
            national_theme(2020).unwrap().theme,
            "建设质量强国 决胜全面小康"
        );
        assert!(national_theme(1900).is_none());
    }

    #[test]
    fn years_are_in_order_and_unique() {
        assert!(NATIONAL_THEMES.windows(2).all(|w| w[0].year < w[1].year));
    }
}
