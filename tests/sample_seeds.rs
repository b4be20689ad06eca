//! The published sentences of PRODUCT.md, computed end to end from the
//! sample folder `samples/tay-ho` (see its README for every figure).

mod seeds {
    use serde_json::Value;
    use std::path::PathBuf;

    fn context() -> Value {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/tay-ho");
        let checked = soket::pipeline::check(&dir);
        assert!(!checked.has_errors(), "{:#?}", checked.problems);
        checked.context().expect("the sample loads")
    }

    fn s(v: &Value) -> &str {
        v.as_str().unwrap_or_else(|| panic!("not text: {v}"))
    }

    #[test]
    fn the_sample_gives_the_published_sentences() {
        let ctx = context();
        let ct = &ctx["ct"];
        // "hiện có 26/27 trường công lập đạt chuẩn quốc gia, đạt 96,2%" (cat_bo)
        assert_eq!(s(&ct["VH01"]["phan_so"]), "26/27");
        assert_eq!(s(&ct["VH01"]["ty_le"]), "96,2%");
        // "… tại 8/8 phường"
        assert_eq!(s(&ct["VH02"]["hien_thi"]), "8/8 phường");
        assert_eq!(s(&ct["VH02"]["danh_gia"]), "dat");
        // "Duy trì không có hộ nghèo"
        assert_eq!(ct["KT04"]["gia_tri"].as_f64(), Some(0.0));
        assert_eq!(s(&ct["KT04"]["danh_gia"]), "dat");
        // "Tổng thu ngân sách nhà nước trên địa bàn đạt 12.993 tỷ đồng"
        assert_eq!(s(&ct["KT02"]["hien_thi"]), "12.993 tỷ đồng");
        assert_eq!(s(&ct["KT02"]["danh_gia"]), "vuot");
        // "bình quân tăng 13,48%"
        assert_eq!(s(&ct["KT01"]["binh_quan_text"]), "13,48%");
        // "tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên 95,09%"
        assert_eq!(s(&ct["XD03"]["ty_le"]), "95,09%");
        // "chỉ số hài lòng … đạt 97,74% tăng 11,96% so với năm 2020"
        assert_eq!(s(&ct["XD06"]["hien_thi"]), "97,74%");
        assert_eq!(s(&ct["XD06"]["tang_text"]), "11,96");
        // "giao quân nghĩa vụ quân sự được 26/20 thanh niên, đạt tỷ lệ 130%"
        assert_eq!(s(&ct["QP03"]["phan_so"]), "26/20");
        assert_eq!(s(&ct["QP03"]["ty_le"]), "130%");
        assert_eq!(s(&ct["QP03"]["danh_gia"]), "vuot");
        // "có 18/19 chỉ tiêu đạt và dự kiến đạt"
        let tk = &ctx["tong_ket"];
        assert_eq!(s(&tk["text"]), "18/19 chỉ tiêu đạt và dự kiến đạt");
        let counts: Vec<u64> = [
            "tong",
            "vuot",
            "dat",
            "du_kien_dat",
            "chua_dat",
            "khong_danh_gia",
        ]
        .iter()
        .map(|k| tk[*k].as_u64().unwrap())
        .collect();
        assert_eq!(counts, [28, 13, 4, 1, 1, 9]);
        assert_eq!(s(&ct["VH05"]["danh_gia"]), "du_kien_dat");
        assert_eq!(s(&ct["KT06"]["danh_gia"]), "chua_dat");
        assert_eq!(s(&ct["XD05"]["danh_gia"]), "dat");
        assert_eq!(s(&ct["VH08"]["danh_gia"]), "dat");
    }

    #[test]
    fn every_figure_traces_back_to_a_ward_cell() {
        let ctx = context();
        let buoi = &ctx["ct"]["VH04"]["don_vi"]["P01"];
        assert_eq!(s(&buoi["nguon"]), "so-lieu/buoi.xlsx!So lieu!G17");
        let thuy_khue = &ctx["ct"]["KT01"]["don_vi"]["P05"];
        assert_eq!(s(&thuy_khue["nguon"]), "so-lieu/thuy khue.csv!G5");
        // Tứ Liên sent no "Ước 2023": 7 of 8 wards reported that year.
        assert_eq!(ctx["ct"]["KT06"]["nam"]["2023"]["uoc"], Value::Bool(true));
    }
}
