//! A spreadsheet as Office Open XML (`.xlsx`, ECMA-376): one sheet, a bold header row, then
//! rows of text, whole numbers, amounts (from cents, shown with two decimals) and dates (real
//! dates, shown as day/month/year). Enough for the exports an accountant opens in Excel or
//! LibreOffice; strings are written inline, so there is no shared-strings part.

use std::io::Write;

use chrono::NaiveDate;
use zip::write::SimpleFileOptions;

use crate::text::xml_escape as escape;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// An amount in cents, shown as `1.234,56` (in a Spanish Excel).
    Cents(i64),
    Date(NaiveDate),
    Empty,
}

/// The style index of each kind of cell (`cellXfs` in the styles part).
const STYLE_HEADER: u8 = 1;
const STYLE_DATE: u8 = 2;
const STYLE_MONEY: u8 = 3;

/// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Days since 1899-12-30: how spreadsheets count dates.
fn serial(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()).num_days()
}

fn cell_xml(out: &mut String, r: usize, c: usize, cell: &Cell, header: bool) {
    let at = format!("{}{}", column(c), r + 1);
    match cell {
        Cell::Text(t) => {
            let style = if header { format!(" s=\"{STYLE_HEADER}\"") } else { String::new() };
            out.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>",
                escape(t)
            ));
        }
        Cell::Int(n) => out.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
        Cell::Cents(c) => {
            let sign = if *c < 0 { "-" } else { "" };
            out.push_str(&format!(
                "<c r=\"{at}\" s=\"{STYLE_MONEY}\"><v>{sign}{}.{:02}</v></c>",
                c.abs() / 100,
                c.abs() % 100
            ));
        }
        Cell::Date(d) => out.push_str(&format!("<c r=\"{at}\" s=\"{STYLE_DATE}\"><v>{}</v></c>", serial(*d))),
        Cell::Empty => {}
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

// Built-in number formats: 14 is the locale's short date, 4 is `#,##0.00`.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// A workbook of one sheet named `sheet` (at most 31 characters, as spreadsheets allow): the
/// `headers` in bold, frozen above the `rows`.
pub fn workbook(sheet: &str, headers: &[&str], rows: &[Vec<Cell>]) -> std::io::Result<Vec<u8>> {
    let mut data = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    data.push_str("<row r=\"1\">");
    for (c, h) in headers.iter().enumerate() {
        cell_xml(&mut data, 0, c, &Cell::Text(h.to_string()), true);
    }
    data.push_str("</row>");
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 2));
        for (c, cell) in row.iter().enumerate() {
            cell_xml(&mut data, r + 1, c, cell, false);
        }
        data.push_str("</row>");
    }
    data.push_str("</sheetData></worksheet>");
    let name: String = sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(&name)
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", book.as_str()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", data.as_str()),
    ] {
        zip.start_file(path, options).map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_dates_are_counted_as_spreadsheets_count_them() {
        assert_eq!(
            (column(0), column(25), column(26), column(27), column(701)),
            ("A".into(), "Z".into(), "AA".into(), "AB".into(), "ZZ".into())
        );
        assert_eq!(serial(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), 46_388);
    }
}
