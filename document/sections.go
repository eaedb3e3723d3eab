package document

import (
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

var roleNames = map[string]string{
	"marketing_director": "市场总监 Marketing director",
	"company_approver":   "公司审批 Company approver",
	"company":            "甲方（公司）Company",
	"customer":           "乙方（客户）Customer",
}

func header(pdf *fpdf.Fpdf, c Contract) {
	pdf.SetFont("wenkai", "", 14)
	if c.Signed {
		pdf.SetTextColor(0, 110, 0)
		pdf.CellFormat(0, 10, SignedBanner, "", 1, "C", false, 0, "")
	} else {
		pdf.SetTextColor(200, 0, 0)
		pdf.SetDrawColor(200, 0, 0)
		pdf.CellFormat(0, 10, c.banner(), "1", 1, "C", false, 0, "")
		pdf.SetDrawColor(0, 0, 0)
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont("wenkai", "", 18)
	pdf.CellFormat(0, 12, "广告销售服务合同 Advertising Sales Service Contract", "", 1, "C", false, 0, "")
	pdf.Ln(2)
}

// banner is the warning an unsigned document carries on every page (R5.5).
func (c Contract) banner() string {
	if c.ForSignature {
		return ForSignatureBanner
	}
	return NotValidBanner
}

func footer(pdf *fpdf.Fpdf, c Contract) {
	pdf.SetY(-18)
	pdf.SetFont("wenkai", "", 8)
	pdf.CellFormat(0, 5, fmt.Sprintf("合同 %s · 第 %d 版 · 内容 SHA-256 %s", c.ID, c.Version, c.ContentHash), "", 1, "L", false, 0, "")
	text := fmt.Sprintf("第 %d 页 · 生成于 %s", pdf.PageNo(), c.IssuedAt.In(shanghai).Format("2006-01-02 15:04:05 MST"))
	if !c.Signed {
		pdf.SetTextColor(200, 0, 0)
		text = c.banner() + " · " + text
	}
	pdf.CellFormat(0, 5, text, "", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
}

var shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

func section(pdf *fpdf.Fpdf, title string) {
	pdf.Ln(3)
	pdf.SetFont("wenkai", "", 13)
	pdf.CellFormat(0, 8, title, "B", 1, "L", false, 0, "")
	pdf.SetFont("wenkai", "", 10)
}

func parties(pdf *fpdf.Fpdf, c Contract) {
	section(pdf, "一、合同双方 Parties")
	company := c.Company
	if company == "" {
		company = "本公司 The Company"
	}
	pdf.MultiCell(0, 6, "甲方 Company: "+company+"（经办 Account owner: "+c.OwnerName+"）", "", "L", false)
	pdf.MultiCell(0, 6, "乙方 Customer: "+c.CustomerName, "", "L", false)
	period := "未定 not set"
	if c.StartsOn != "" || c.EndsOn != "" {
		period = c.StartsOn + " 至 to " + c.EndsOn
	}
	pdf.MultiCell(0, 6, "合同期 Period: "+period, "", "L", false)
}

func lines(pdf *fpdf.Fpdf, c Contract) {
	section(pdf, "二、项目与价格 Items and prices")
	widths := []float64{62, 18, 16, 32, 32, 30}
	heads := []string{"项目 Item", "单位 Unit", "数量 Qty", "目录价 List", "成交价 Agreed", "小计 Amount"}
	for i, h := range heads {
		pdf.CellFormat(widths[i], 7, h, "1", 0, "C", false, 0, "")
	}
	pdf.Ln(-1)
	var total, listTotal int64
	for _, l := range c.Lines {
		amount := l.Quantity * l.UnitPriceFen
		total += amount
		listTotal += l.Quantity * l.ListPriceFen
		cells := []string{l.Code + " " + l.Name, l.Unit, fmt.Sprint(l.Quantity), Yuan(l.ListPriceFen),
			Yuan(l.UnitPriceFen), Yuan(amount)}
		for i, s := range cells {
			align := "R"
			if i < 2 {
				align = "L"
			}
			pdf.CellFormat(widths[i], 7, s, "1", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.CellFormat(160, 7, "合计 Total（目录价合计 list total "+Yuan(listTotal)+"）", "1", 0, "R", false, 0, "")
	pdf.CellFormat(30, 7, Yuan(total), "1", 1, "R", false, 0, "")
}

func terms(pdf *fpdf.Fpdf, c Contract) {
	section(pdf, "三、服务条款 Service terms (R5.1)")
	switch {
	case c.FreeRevisions != nil:
		pdf.MultiCell(0, 6, fmt.Sprintf("合同期内免费修改换画 %d 次。Free artwork changes/revisions: %d.", *c.FreeRevisions, *c.FreeRevisions), "", "L", false)
	case c.ServiceFee != "":
		pdf.MultiCell(0, 6, "服务收费 Service charged as: "+c.ServiceFee, "", "L", false)
	default:
		pdf.MultiCell(0, 6, "尚未约定 Not yet stated.", "", "L", false)
	}
}

func approvals(pdf *fpdf.Fpdf, c Contract) {
	section(pdf, "四、审批 Approvals (R5.2, R5.3)")
	if len(c.Approvals) == 0 {
		pdf.MultiCell(0, 6, "尚无有效审批 No approvals yet.", "", "L", false)
	}
	for _, a := range c.Approvals {
		who := a.DecidedBy
		if a.OnBehalfOf != "" {
			who += "（代 on behalf of " + a.OnBehalfOf + "）"
		}
		pdf.MultiCell(0, 6, fmt.Sprintf("%s：%s 同意 approved，%s", roleNames[a.Role], who,
			a.At.In(shanghai).Format("2006-01-02 15:04:05 MST")), "", "L", false)
	}
}

func signatures(pdf *fpdf.Fpdf, c Contract) {
	section(pdf, "五、签署 Signatures (R5.5)")
	if c.ForSignature && !c.Signed {
		// These bytes are what the parties sign; the signatures are kept
		// beside them, each sealed with this document's SHA-256.
		pdf.MultiCell(0, 6, "本文本由甲乙双方在系统中签署；每一签署记录均绑定本文件的 SHA-256，见合同的签署验证。\n"+
			"Both parties sign this document in the system; each signature is bound to this file's SHA-256 "+
			"and shown by the contract's signature verification.", "", "L", false)
		return
	}
	if len(c.Signatures) == 0 {
		pdf.MultiCell(0, 6, "尚无签署 Not signed by either party.", "", "L", false)
	}
	for _, s := range c.Signatures {
		who := s.Signer
		if s.OnBehalfOf != "" {
			who += "（代 on behalf of " + s.OnBehalfOf + "）"
		}
		if s.Signatory != "" {
			who = s.Signatory + "（由 recorded by " + s.Signer + " 登记）"
		}
		pdf.MultiCell(0, 6, fmt.Sprintf("%s：%s，%s\n文件 SHA-256 document: %s", roleNames[s.Role], who,
			s.At.In(shanghai).Format("2006-01-02 15:04:05 MST"), s.DocumentSHA256), "", "L", false)
	}
}
