//! The report's sentences: per aggregate kind and target form, the words
//! a clerk would write, as template text.

use super::*;

/// The target in words, with the indicator's unit: "90%", "8.600 tỷ
/// đồng", "không quá 40 hộ", "dưới 6%", "8/8 phường". No ASCII operator
/// reaches a sentence, and the number keeps its whole unit on its line
/// ("(8.600 tỷ đồng)" used to break before "đồng").
const TARGET_WORDS: &str = concat!(
    r#"((c.muc_tieu or "")|replace("\u003c=", "không quá ")|replace(">=", "")"#,
    r#"|replace(">", "trên ")|replace("\u003c", "dưới ")|replace("=", "")|replace("  ", " ")|trim)"#,
    r#" ~ (("\u00a0" ~ c.dvt|replace(" ", "\u00a0")) if c.dvt and c.dvt != "%""#,
    r#" and not ((c.muc_tieu or "")|trim is endingwith("%")) else "")"#,
);

/// The caveat of a figure some unit did not report: "(7/8 phường báo cáo)".
pub(super) const CAVEAT: &str = "{% if not c.day_du %} ({{ c.bao_cao_text }}){% endif %}";

/// The verdict against the target, in the words of a report: ", vượt mục
/// tiêu đề ra (90%)", ", chưa đạt mục tiêu (1.200 doanh nghiệp)".
fn verdict() -> String {
    let muc = format!("{{{{ {TARGET_WORDS} }}}}");
    format!(
        concat!(
            "{{% if c.muc_tieu %}}",
            r#"{{% if c.danh_gia == "vuot" %}}, vượt mục tiêu đề ra ({m})"#,
            r#"{{% elif c.danh_gia == "dat" %}}, đạt mục tiêu đề ra ({m})"#,
            r#"{{% elif c.danh_gia == "du_kien_dat" %}}, dự kiến đạt mục tiêu đề ra ({m}) vào cuối nhiệm kỳ"#,
            r#"{{% elif c.danh_gia == "chua_dat" %}}, chưa đạt mục tiêu ({m})"#,
            "{{% else %}}, chưa đủ cơ sở đánh giá so với mục tiêu ({m}){{% endif %}}",
            "{{% endif %}}",
        ),
        m = muc
    )
}

/// True when a change rounds to nothing at its precision ("0", "0,0", "-0,00").
const NO_CHANGE: &str =
    r#"c.tang_text|replace("-", "")|replace("0", "")|replace(",", "")|replace(".", "") == """#;

/// A change from the baseline year in `unit` (a Jinja snippet following
/// the number): "tăng 2,8 điểm phần trăm so với năm 2020", "giữ ổn định …".
fn change(unit: &str) -> String {
    format!(
        concat!(
            "{{% if c.tang is not none %}}{{% if {no} %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif c.tang is greaterthan(0) %}}, tăng {{{{ c.tang_text }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}",
            r#"{{% else %}}, giảm {{{{ c.tang_text|replace("-", "") }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}"#,
            "{{% endif %}}{{% endif %}}",
        ),
        no = NO_CHANGE,
        u = unit
    )
}

/// A quantity's change: the average yearly growth ("bình quân tăng
/// 13,48%/năm") where there is one, else the change in its unit.
fn quantity_change() -> String {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    format!(
        concat!(
            "{{% if c.tang is not none and {no} %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif c.binh_quan is not none %}}, bình quân ",
            r#"{{% if c.binh_quan is lessthan(0) %}}giảm {{{{ c.binh_quan_text|replace("-", "") }}}}"#,
            "{{% else %}}tăng {{{{ c.binh_quan_text }}}}{{% endif %}}/năm",
            "{{% else %}}{ch}{{% endif %}}",
        ),
        no = NO_CHANGE,
        ch = change(&unit)
    )
}

/// `c.hien_thi` with its unit held to its number.
pub(super) const SHOWN: &str = r#"{{ c.hien_thi|replace(" ", "\u00a0") }}"#;
/// `;` after an indicator, `.` after the group's last.
const END: &str = "{% if loop.last %}.{% else %};{% endif %}";

/// Section I: one heading per indicator group and one sentence per
/// indicator, worded as a clerk words it for its kind and its target:
/// rates and ratios change in percentage points, quantities grow "bình
/// quân … /năm" and are measured against the term's target ("đạt 151,0%
/// chỉ tiêu nhiệm kỳ"), a count of units that all meet the standard again
/// is "duy trì, giữ vững", a count named for what units have "… tại
/// 15/15 phường" ("Trạm y tế đạt chuẩn quốc gia: 15/15 phường" read as a
/// list entry), a met `= 0` target of a count "duy trì không
/// có …". The sentence is lower-cased nowhere but the name's first letter
/// after "Hiện có".
pub(super) fn results() -> Vec<Paragraph> {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    let points = change(&format!("{NB}điểm phần trăm"));
    let verdict = verdict();
    // A count of units changes in units, counted from the baseline year's
    // own count (`goc`, set below) so the sentence does not depend on how
    // `tang` of a unit count is expressed.
    let unit_word = format!("{NB}{{{{ c.dvt or so_lieu.cap_don_vi }}}}");
    let unit_change = format!(
        concat!(
            "{{% if tang_dv is not none %}}{{% if tang_dv == 0 %}}, giữ ổn định so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% elif tang_dv is greaterthan(0) %}}, tăng {{{{ tang_dv }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}",
            "{{% else %}}, giảm {{{{ -tang_dv }}}}{u} so với năm {{{{ so_lieu.nam_goc }}}}{{% endif %}}{{% endif %}}",
        ),
        u = unit_word
    );
    let unit_count = format!(
        concat!(
            r#"- {{% if (c.ten|lower) is startingwith(lvl) and tang_dv == 0 and c.tu_so == c.mau_so %}}"#,
            r#"Duy trì, giữ vững {{{{ phan_con[4:] if phan_con is startingwith("đạt ") else phan_con }}}} tại {shown}{caveat}"#,
            "{{% else %}}{{% if (c.ten|lower) is startingwith(lvl) %}}Có {shown} {{{{ phan_con }}}}",
            "{{% else %}}{{{{ c.ten }}}} tại {shown}{{% endif %}}{caveat}{units}{{% endif %}}{verdict}{end}",
        ),
        shown = SHOWN,
        caveat = CAVEAT,
        units = unit_change,
        verdict = verdict,
        end = END
    );
    let ratio = format!(
        concat!(
            r#"- {{% if c.ten is startingwith("Tỷ lệ") %}}{{{{ c.ten }}}} {{{{ c.ty_le }}}} ({{{{ c.phan_so }}}}{unit})"#,
            r#"{{% elif (c.ten|lower) is startingwith((c.dvt or "")|lower ~ " ") %}}"#,
            "Hiện có {{{{ c.phan_so }}}} {{{{ ten_thuong }}}}, đạt {{{{ c.ty_le }}}}",
            "{{% else %}}{{{{ c.ten }}}} được {{{{ c.phan_so }}}}{unit}, đạt tỷ lệ {{{{ c.ty_le }}}}{{% endif %}}",
            "{caveat}{points}{verdict}{end}",
        ),
        unit = unit,
        caveat = CAVEAT,
        points = points,
        verdict = verdict,
        end = END
    );
    let percent = format!(
        concat!(
            r#"- {{{{ c.ten }}}}{{% if not c.ten is startingwith("Tỷ lệ") %}} đạt{{% endif %}} {{{{ c.hien_thi }}}}"#,
            "{caveat}{points}{verdict}{end}",
        ),
        caveat = CAVEAT,
        points = points,
        verdict = verdict,
        end = END
    );
    let quantity = format!(
        concat!(
            r#"- {{% if mt|replace(" ", "") == "=0" and c.danh_gia in ["dat", "vuot"] and c.ten is startingwith("Số ") %}}"#,
            "{{% if c.tang == 0 %}}Duy trì không có{{% else %}}Không còn{{% endif %}} {{{{ c.ten[3:] }}}}{caveat}",
            r#"{{% else %}}{{{{ c.ten }}}} {{% if mt is startingwith(">") %}}đạt{{% elif mt is startingwith("\u003c") %}}còn{{% else %}}là{{% endif %}} {shown}"#,
            "{caveat}{qty}",
            ", đạt {{{{ c.dat_pt_muc_tieu_text }}}} chỉ tiêu nhiệm kỳ{{% endif %}}",
            "{verdict}{{% endif %}}{end}",
        ),
        shown = SHOWN,
        caveat = CAVEAT,
        qty = quantity_change() + "{% if c.dat_pt_muc_tieu is not none %}",
        verdict = verdict,
        end = END
    );
    vec![
        body_bold("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"),
        tag("{%p for ten_nhom, ds in nhom|items %}"),
        body_bold("{{ loop.index }}. {{ ten_nhom }}"),
        tag("{%p for c in ds %}"),
        // Names the sentences below share: the target text, the name with
        // a small first letter, and for a count of units ("Phường đạt
        // chuẩn …") what follows the unit word.
        tag(r#"{%p set mt = (c.muc_tieu or "")|trim %}"#),
        tag("{%p set ten_thuong = (c.ten[:1]|lower) ~ c.ten[1:] %}"),
        tag(r#"{%p set lvl = (c.dvt or so_lieu.cap_don_vi)|lower ~ " " %}"#),
        tag("{%p set phan_con = c.ten[(lvl|length):] %}"),
        tag(concat!(
            "{%p set goc = c.nam[so_lieu.nam_goc|string]",
            " if so_lieu.nam_goc|string in c.nam else none %}"
        )),
        tag(concat!(
            "{%p set tang_dv = c.tu_so - goc.tu_so if goc is not none",
            " and goc.tu_so is not none and c.tu_so is not none else none %}"
        )),
        tag("{%p if c.gia_tri is none %}"),
        body_text(&format!("- {{{{ c.ten }}}}: chưa có số liệu{END}")),
        tag("{%p elif so_lieu.ky_bao_cao_text is defined and c.ky is defined %}"),
        body_text(&periodic_sentence()),
        tag(r#"{%p elif c.tong_hop == "so_don_vi_dat" %}"#),
        body_text(&unit_count),
        tag(r#"{%p elif c.tong_hop is startingwith("ty_le") %}"#),
        body_text(&ratio),
        tag(r#"{%p elif c.dvt == "%" %}"#),
        body_text(&percent),
        tag(ELSE),
        body_text(&quantity),
        tag(ENDIF),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
    ]
}

/// A periodic review's sentence: the figure of the report period, the
/// share of the year's plan ("bằng 76,3% kế hoạch năm", for the whole
/// year too: "đạt 14.500.000.000 đồng, đạt 84,8% kế hoạch năm" said "đạt"
/// twice) and the change from the same period
/// of last year, in percent for quantities, in percentage points for rates
/// and in units for unit counts: "Tổng thu ngân sách … 9 tháng đầu năm
/// 2026 đạt 1.234,5 tỷ đồng, bằng 76,3% kế hoạch năm, tăng 12,4% so với
/// cùng kỳ".
fn periodic_sentence() -> String {
    let unit = format!(r#"{{% if c.dvt and c.dvt != "%" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}"#);
    let change = concat!(
        "{% if c.tang_cung_ky is not none %}",
        "{% if c.tang_cung_ky == 0 %}, bằng cùng kỳ",
        r#"{% else %}, {% if c.tang_cung_ky is greaterthan(0) %}tăng{% else %}giảm{% endif %} "#,
        r#"{% if c.tong_hop == "so_don_vi_dat" %}{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        "\u{a0}{{ c.dvt or so_lieu.cap_don_vi }}",
        r#"{% elif c.tong_hop is startingwith("ty_le") or c.dvt == "%" %}"#,
        r#"{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        "\u{a0}điểm phần trăm",
        r#"{% elif c.tang_cung_ky_pt is not none %}{{ c.tang_cung_ky_pt_text|replace("-", "") }}"#,
        r#"{% else %}{{ c.tang_cung_ky_text|replace("-", "") }}"#,
        r#"{% if c.dvt %}"#,
        "\u{a0}{{ c.dvt }}{% endif %}{% endif %} so với cùng kỳ{% endif %}{% endif %}",
    );
    format!(
        concat!(
            "- {{{{ c.ten }}}} {{{{ so_lieu.ky_bao_cao_text }}}} ",
            r#"{{% if mt is startingwith("\u003c") %}}còn{{% else %}}đạt{{% endif %}} "#,
            r#"{{% if c.tong_hop is startingwith("ty_le") %}}{{{{ c.ty_le }}}} ({{{{ c.phan_so }}}}{unit})"#,
            "{{% else %}}{shown}{{% endif %}}{caveat}",
            "{{% if c.dat_pt_ke_hoach is not none %}}, bằng",
            " {{{{ c.dat_pt_ke_hoach_text }}}} kế hoạch năm{{% endif %}}",
            "{change}{verdict}{end}",
        ),
        unit = unit,
        shown = SHOWN,
        caveat = CAVEAT,
        change = change,
        verdict = verdict(),
        end = END
    )
}

/// Section II: the count of achieved indicators, the ones not achieved, and
/// the table of all indicators.
pub(super) fn summary() -> Vec<Paragraph> {
    vec![
        body_bold("II. ĐÁNH GIÁ CHUNG"),
        // A periodic review without a term judges against the period's
        // target or the year's plan and projects nothing: no "dự kiến
        // đạt", and the count against the year's plan.
        tag("{%p if tong_ket.co_so is defined %}"),
        body_text(concat!(
            "Qua rà soát, có {{ tong_ket.dat_va_du_kien_dat }}/{{ tong_ket.tong - tong_ket.khong_danh_gia }}",
            " chỉ tiêu đạt và vượt {{ tong_ket.co_so }}",
            " (vượt {{ tong_ket.vuot }}, đạt {{ tong_ket.dat }}, chưa đạt {{ tong_ket.chua_dat }})",
            "{% if tong_ket.chua_du_so_lieu %}, {{ tong_ket.chua_du_so_lieu }} chỉ tiêu chưa đủ số liệu{% endif %}",
            "{% if tong_ket.co_ke_hoach %}; {{ tong_ket.ke_hoach_text }}{% endif %}",
            "{% if tong_ket.khong_danh_gia %}; {{ tong_ket.khong_danh_gia }} chỉ tiêu",
            "{% if \"/\" in so_lieu.ky_bao_cao_ma %} chưa có mục tiêu của kỳ",
            "{% else %} chưa có mục tiêu, kế hoạch năm{% endif %} hoặc số liệu để đánh giá{% endif %}.",
        )),
        tag(ELSE),
        // The breakdown follows the count it breaks down, and the
        // incomplete ones come after it (`tong_ket.text` ends with them, so
        // "…, 4 chỉ tiêu chưa đủ số liệu (vượt 39, …)" read as if the
        // bracket explained the 4).
        body_text(concat!(
            "Qua rà soát, có {{ tong_ket.dat_va_du_kien_dat }}/{{ tong_ket.tong - tong_ket.khong_danh_gia }}",
            " chỉ tiêu đạt và dự kiến đạt",
            " (vượt {{ tong_ket.vuot }}, đạt {{ tong_ket.dat }},",
            " dự kiến đạt {{ tong_ket.du_kien_dat }}, chưa đạt {{ tong_ket.chua_dat }})",
            "{% if tong_ket.chua_du_so_lieu %}, {{ tong_ket.chua_du_so_lieu }} chỉ tiêu chưa đủ số liệu{% endif %}",
            "{% if tong_ket.khong_danh_gia %}; {{ tong_ket.khong_danh_gia }} chỉ tiêu",
            " chưa có mục tiêu hoặc số liệu để đánh giá{% endif %}.",
        )),
        tag(ENDIF),
        tag("{%p if tong_ket.chua_dat %}"),
        body_text(&format!(
            concat!(
                "Các chỉ tiêu chưa đạt: ",
                r#"{{% for ma, c in ct|items if c.danh_gia == "chua_dat" %}}"#,
                "{{{{ c.ten }}}} ({shown}{{% if not c.day_du %}}, {{{{ c.bao_cao_text }}}}{{% endif %}}, ",
                // Judged against the year's plan: a whole year without a target.
                "{{% if not c.muc_tieu and c.ke_hoach is defined and c.ke_hoach is not none %}}",
                "kế hoạch năm {{{{ c.ke_hoach_text }}}}{{% if c.dvt and c.dvt != \"%\" %}}{NB}{{{{ c.dvt }}}}{{% endif %}}{{% else %}}mục tiêu {{{{ {muc} }}}}{{% endif %}})",
                "{{% if not loop.last %}}; {{% endif %}}{{% endfor %}}.",
            ),
            shown = SHOWN,
            muc = TARGET_WORDS,
            NB = NB
        )),
        tag(ENDIF),
        body_text("Kết quả cụ thể từng chỉ tiêu như sau:"),
    ]
}
