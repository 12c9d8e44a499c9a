"""Read a zonebrief workbook back with openpyxl, an independent reader, and
print what the Go tests check as JSON.

Usage: /usr/bin/python3 readback.py [--fast] BOOK.xlsx

Without --fast the workbook is loaded whole (cells, styles, tables, freeze
panes, hyperlinks, document properties). --fast reads in read-only mode, the
way large files are read, which trusts each sheet's <dimension>: it counts
rows and cell types without keeping the cells. Charts are not read by
openpyxl at all, so they are found in the package itself.
"""

import html
import json
import re
import sys
import zipfile

import openpyxl

NUMERIC = {"数值", "数值上限", "基准数值", "基准上限", "年份", "指标数", "日期"}


def sheet_summary(ws, full):
    rows = 0
    formulas = 0
    header = None
    types = {}  # header name -> sorted list of data types seen
    formats = {}  # header name -> sorted list of number formats seen
    for row in ws.iter_rows():
        if header is None:
            header = [c.value for c in row]
            continue
        rows += 1
        for i, c in enumerate(row):
            if c.value is None:
                continue
            if c.data_type == "f":
                formulas += 1
            name = header[i] if i < len(header) else i
            if name in NUMERIC or not full:
                types.setdefault(name, set()).add(c.data_type)
                if full:
                    formats.setdefault(name, set()).add(c.number_format)
    out = {
        "rows": rows,
        "header": header,
        "formulas": formulas,
        "types": {str(k): sorted(v) for k, v in types.items()},
    }
    if full:
        out["formats"] = {str(k): sorted(v) for k, v in formats.items()}
    return out


def main():
    args = sys.argv[1:]
    fast = "--fast" in args
    path = [a for a in args if not a.startswith("--")][0]
    result = {"sheets": [], "detail": {}}

    ro = openpyxl.load_workbook(path, read_only=True)
    result["sheets"] = ro.sheetnames
    result["readonly"] = {}
    for name in ro.sheetnames:
        ws = ro[name]
        result["readonly"][name] = {
            "max_row": ws.max_row,
            "max_column": ws.max_column,
            "dimension": ws.calculate_dimension(),
        }
        if fast and name in ("指标", "动态"):
            result["detail"][name] = sheet_summary(ws, False)
    ro.close()

    if not fast:
        wb = openpyxl.load_workbook(path)
        p = wb.properties
        result["props"] = {
            "title": p.title,
            "subject": p.subject,
            "creator": p.creator,
            "created": p.created.isoformat() if p.created else None,
            "modified": p.modified.isoformat() if p.modified else None,
        }
        for ws in wb.worksheets:
            d = sheet_summary(ws, True)
            d["freeze"] = ws.freeze_panes
            d["tables"] = {name: ws.tables[name].ref for name in ws.tables}
            d["links"] = {}
            d["formula_cells"] = 0
            d["cells"] = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":
                        d["formula_cells"] += 1
                    if c.hyperlink is not None:
                        d["links"][c.coordinate] = c.hyperlink.location
                    if c.value is not None:
                        d["cells"][c.coordinate] = [c.value if not hasattr(c.value, "isoformat") else c.value.isoformat(),
                                                    c.data_type, c.number_format]
            d["widths"] = {k: v.width for k, v in ws.column_dimensions.items() if v.width}
            result["detail"][ws.title] = d

    charts = []
    with zipfile.ZipFile(path) as z:
        for n in sorted(z.namelist()):
            if re.match(r"xl/charts/chart\d+\.xml$", n):
                x = z.read(n).decode("utf-8")
                charts.append({
                    "part": n,
                    "types": sorted(set(re.findall(r"<(?:c:)?(lineChart|barChart|pieChart|areaChart|scatterChart)>", x))),
                    "series": len(re.findall(r"<(?:c:)?ser>", x)),
                    "refs": [html.unescape(r) for r in re.findall(r"<(?:c:)?f>([^<]*)</(?:c:)?f>", x)],
                    "dashed": len(re.findall(r'<a:prstDash val="dash"', x)),
                })
        result["entries"] = z.namelist()
    result["charts"] = charts
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
