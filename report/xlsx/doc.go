// Package xlsx writes zonebrief's Excel workbooks with excelize: one per zone
// (Zone) and one for all zones (All), for spreadsheet users who filter, sort,
// pivot and chart the indicators across zones and years.
//
// A workbook has four sheets, in this order:
//
//   - 概览 (summary, active): the period, the zones covered, items and
//     indicators per zone (a Table, most indicators first), the key figures
//     (a Table, each linked to its item); in the all-zones workbook a bar
//     chart of indicators per zone (the 20 zones with most).
//   - 指标 (indicators): one row per indicator, an Excel Table named
//     Indicators with the header frozen. Columns: 高新区 省份 城市 日期 条目
//     标题 指标 主体 数值 数值上限 单位 基准数值 基准上限 基准单位 限定 状态 年份 原文.
//   - 动态 (items): one row per item, a Table named Items: 高新区 日期 条目 类型
//     标题 引题 作者 来源 来源文件 指标数.
//   - 趋势 (trends): for every metric reported over several years, a zone ×
//     year table and a native line chart; forecasts and targets are marked.
//
// # Numbers
//
// 数值 is the value as written in the text, in the unit of 单位; 基准数值 is the
// same value in the normalised 基准单位 (3.3 亿元 → 330,000,000 元). Both are
// numbers with thousands separators and as many decimals as the value has.
// A percentage keeps the number as written: 65% is stored as 65, not 0.65,
// and shown as 65% by the format #,##0"%". Pivoting users then read every
// row the same way, "数值 in 单位", and sums and averages of a percentage
// column come out in percent, as the text reports them. A range (1-2 家)
// keeps its low end in 数值 and its high end in 数值上限 (基准上限 for the base
// value); 限定 reads 区间. 日期 is an Excel date, 年份 a plain number.
// Values that are not finite (NaN, ±Inf) are left empty and counted.
//
// On 趋势 a cell holds the number and its format shows the qualifiers:
// 超500, 约24,000, 800 预计 (italic). In the charts forecasts and targets are
// a dashed continuation of the zone's line.
//
// # Links
//
// The first row of each item on 指标 links (条目) to the item on 动态, and an
// item's 指标数 on 动态 links to all its rows on 指标 (selecting them). Excel
// allows 65,530 links a sheet; past Options.MaxLinks links are left out and
// counted in Stats.LinksOmitted. Links go to row numbers, so they point
// elsewhere once the user sorts the target sheet.
//
// # Safety
//
// Text from the corpus is always written as a string cell with the text
// number format (@), so a value starting with = + - @ is shown as typed and
// never becomes a formula, even when edited; no cell carries a formula.
// Characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, invalid
// UTF-8) are removed, and text longer than Excel's 32,767 characters a cell
// is cut with the visible marker …〔已截断，原文共N字〕; both are counted in
// Stats, once per corpus field. SheetName makes any text a valid sheet name.
//
// # Scale and stability
//
// The 指标 and 动态 sheets are written with excelize's StreamWriter: they
// spill to temporary files past 16 MB, and the writer's memory grows with
// the number of items (about 200 bytes each), not indicators. The package is
// written straight to the caller's io.Writer. Every sheet's dimension is
// set, so readers that trust it (openpyxl read-only) see every row.
//
// Nothing depends on the clock: the document's created and modified dates are
// the period's last day and zip entries carry no time, so the same input
// gives the same bytes.
package xlsx
