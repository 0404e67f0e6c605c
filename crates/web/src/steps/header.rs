//! Step 1, 版头: organ(s), 份号, 密级, 紧急程度, 发文字号, 签发人, and the campaign.

use crate::fields::{editing, lens, lines_lens, AreaField, CheckField, FieldId, TextField};
use leptos::prelude::*;
use notice_core::validate::parse_doc_number;
use notice_core::{Field, HeaderForm, Notice};

#[component]
pub fn HeaderStep(notice: RwSignal<Notice>) -> impl IntoView {
    let editing = editing();
    let (organs, set_organs) = lines_lens(notice, |n| &n.header.organs, |n| &mut n.header.organs);
    let (copy, set_copy) = lens(
        notice,
        |n| n.header.copy_number.clone(),
        |n, v| n.header.copy_number = v,
    );
    let (secrecy, set_secrecy) = lens(
        notice,
        |n| n.header.secrecy.clone(),
        |n, v| n.header.secrecy = v,
    );
    let (signers, set_signers) =
        lines_lens(notice, |n| &n.header.signers, |n| &mut n.header.signers);
    let (campaign, set_campaign) = lens(
        notice,
        |n| n.campaign.name.clone(),
        |n, v| n.campaign.name = v,
    );
    let wenjian = Signal::derive(move || notice.with(|n| n.header.with_wenjian));
    let set_wenjian = Callback::new(move |v| notice.update(|n| n.header.with_wenjian = v));

    // The 发文字号 is typed as one text and normalised when the field is
    // left; text that cannot be read stays in the field with a message and
    // changes nothing.
    let number_text = RwSignal::new(notice.with_untracked(|n| n.header.doc_number.to_string()));
    let number_message = RwSignal::new(None::<String>);
    let commit_number = Callback::new(move |text: String| match parse_doc_number(&text) {
        Ok(number) => {
            number_text.set(number.to_string());
            number_message.set(None);
            notice.update(|n| n.header.doc_number = number);
        }
        Err(message) => number_message.set(Some(message)),
    });
    let year_message = RwSignal::new(None::<String>);
    let urgency = Signal::derive(move || notice.with(|n| n.header.urgency.clone()));
    let letter = Signal::derive(move || notice.with(|n| n.header.form == HeaderForm::Letter));
    let set_letter = Callback::new(move |on: bool| {
        notice.update(|n| {
            n.header.form = if on {
                HeaderForm::Letter
            } else {
                HeaderForm::Standard
            }
        })
    });
    let year_text = Signal::derive(move || {
        notice.with(|n| n.campaign.year.map(|y| y.to_string()).unwrap_or_default())
    });

    view! {
        <h2>"版头"</h2>
        <p class="intro">"发文机关标志以红色小标宋居中排在首页上方；联合行文时每行填写一个机关，主办机关在前。"</p>
        <AreaField field=Field::Organs label="发文机关（每行一个）" rows=2
            placeholder="砀山县市场监督管理局" value=organs on_input=set_organs />
        // A checkbox, the component step 1 already has: the first load is
        // over its budget, and a select of its own would add to it.
        <CheckField field=Field::HeaderForm label="信函格式（函）：机关名称居首页上方、红色双线，首页不显示页码；不选为通用格式"
            value=letter on_input=set_letter />
        <CheckField field=Field::WithWenjian label="标志后加“文件”二字（如“XX市场监督管理局文件”）"
            value=wenjian on_input=set_wenjian />
        <TextField field=Field::DocNumber label="发文字号" placeholder="砀市监发〔2021〕12号"
            hint="可直接输入 [2021]、(2021)、【2021】，离开输入框时自动规范为〔2021〕，序号不加“第”、不编虚位。"
            value=number_text.into()
            on_input=Callback::new(move |v| { number_text.set(v); number_message.set(None); })
            on_change=commit_number
            message=Signal::derive(move || number_message.get()) />
        // Shown only once there is a number: an empty label tells nothing.
        <Show when=move || notice.with(|n| !n.header.doc_number.is_empty())>
            <p class="hint">"规范写法：" <span id="doc-number-preview">{move || notice.with(|n| n.header.doc_number.to_string())}</span></p>
        </Show>
        <details class="more">
            <summary>"份号、密级、紧急程度、签发人"</summary>
            <TextField field=Field::CopyNumber label="份号" placeholder="000001" hint="涉密公文需要，6位数字。"
                value=copy on_input=set_copy />
            <TextField field=Field::Secrecy label="密级和保密期限" placeholder="秘密★1年" value=secrecy on_input=set_secrecy />
            <div class="field narrow">
                <label for=Field::Urgency.dom_id()>"紧急程度"</label>
                <select id=Field::Urgency.dom_id() prop:value=move || urgency.get()
                    on:focus=move |_| editing.set(Some(Field::Urgency))
                    on:blur=move |_| editing.set(None)
                    on:change=move |ev| { let v = event_target_value(&ev); notice.update(|n| n.header.urgency = v) }>
                    <option value="">"（无）"</option>
                    <option value="加急">"加急"</option>
                    <option value="特急">"特急"</option>
                </select>
            </div>
            <AreaField field=Field::Signers label="签发人（上行文用，每行一人）" rows=2 value=signers on_input=set_signers />
        </details>
        <fieldset class="group">
            <legend>"活动"</legend>
            <TextField field=Field::CampaignName label="活动名称" placeholder="质量月" value=campaign on_input=set_campaign />
            <div class="field narrow">
                <label for=Field::CampaignYear.dom_id()>"年度"</label>
                // While a year is being typed ("2", "20"…) the model keeps
                // its last valid year, so the field is never reset under
                // the user's fingers.
                <input id=Field::CampaignYear.dom_id() type="text" inputmode="numeric" maxlength="4"
                    on:focus=move |_| editing.set(Some(Field::CampaignYear))
                    on:blur=move |_| editing.set(None)
                    aria-describedby="campaign-year-message"
                    prop:value=move || year_text.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match notice_core::validate::parse_year(&text) {
                            Ok(year) => { year_message.set(None); notice.update(|n| n.campaign.year = year) }
                            Err(message) => year_message.set(Some(message)),
                        }
                    } />
                <p class="message" id="campaign-year-message" role="alert">{move || year_message.get()}</p>
            </div>
            <p class="hint">"标题和方案名称按机关、年度和活动名称自动生成。"</p>
        </fieldset>
    }
}
