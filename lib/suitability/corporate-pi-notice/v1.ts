import type { CorporatePiNoticeVersion } from "./documents";

/**
 * Version 1 of the Code of Conduct 15.3B notice to a corporate professional investor. Everything it says
 * about the platform is what the platform does: the 15.3A assessment by an officer, the consent record,
 * the checks applied to every client and each authorised trader, reduce-only after status ends.
 */
export const CORPORATE_PI_NOTICE_V1: CorporatePiNoticeVersion = {
  id: "cpi-notice-2026-12-v1",
  title: "Being treated as a corporate professional investor",
  effectiveFrom: "2026-12-01T00:00:00+08:00",
  language: "en",
  introduction: [
    "Your company has applied to be treated as a corporate professional investor. Before we treat it as one, the SFC's Code of Conduct (paragraph 15.3B) requires us to explain what that means and that your company may withdraw at any time, and to have your company's written consent. Consent given online through this portal counts as written consent.",
  ],
  sections: [
    {
      id: "assessment",
      heading: "How we assess your company",
      paragraphs: [
        "A compliance officer assesses your company under paragraph 15.3A of the Code: whether it has a specific function or person responsible for its investment decisions, who makes those decisions, and their knowledge and experience of the relevant products and markets. The officer's conclusion and its reason are kept on record.",
        "Your company is treated as a corporate professional investor only when that assessment concludes positively and you have consented to this notice.",
      ],
      seeAlso: [],
    },
    {
      id: "consequences",
      heading: "What it means for your company",
      paragraphs: [
        "Perpetual contracts are offered only to professional investors. Being treated as a corporate professional investor is what allows your company to trade them on this platform. They are leveraged derivatives: your company can lose all the collateral in its account, quickly.",
        "The Code allows a licensed firm to be exempted from some of the requirements that protect other clients when it deals with a corporate professional investor it has assessed and that has consented. This platform does not rely on those exemptions for its perpetual-contract checks: your company is assessed for its understanding of the risks and its net worth like every other client, and each person who places its orders is assessed for knowledge of derivatives before they may trade.",
        "Your company must keep its list of authorised traders up to date and report any change in its circumstances, such as its structure, its investment function or the persons who make its decisions. A compliance officer reviews each change.",
      ],
      seeAlso: [{ href: "/portal/onboarding/risk-disclosures", label: "The risk disclosure for perpetual contracts" }],
    },
    {
      id: "right-to-withdraw",
      heading: "Your right to withdraw",
      paragraphs: [
        "Your company may withdraw from being treated as a corporate professional investor at any time, without giving a reason, by telling us in writing through the portal. We act on it without delay and confirm it in your inbox.",
        "Once a withdrawal takes effect, your company can no longer open or increase perpetual-contract positions, because they are offered only to professional investors; it can still reduce and close the positions it holds.",
      ],
      seeAlso: [],
    },
    {
      id: "consent",
      heading: "Your consent",
      paragraphs: [
        "By consenting you confirm, on behalf of your company, that you have read this notice, that you may give this consent for your company, and that your company agrees to be treated as a corporate professional investor. The consent is recorded with this notice's version and a fingerprint of its exact text.",
      ],
      seeAlso: [],
    },
  ],
  zhHK: {
    title: "被視為法團專業投資者",
    introduction: [
      "貴公司已申請被視為法團專業投資者。在我們如此對待貴公司之前，證監會《操守準則》（第15.3B段）規定我們須解釋其意義，說明貴公司可隨時撤回，並取得貴公司的書面同意。透過本平台網上作出的同意即屬書面同意。",
    ],
    sections: [
      {
        id: "assessment",
        heading: "我們如何評估貴公司",
        paragraphs: [
          "合規主任會按《操守準則》第15.3A段評估貴公司：貴公司是否設有負責投資決定的特定職能或人員、由誰作出該等決定，以及他們對相關產品及市場的知識和經驗。合規主任的結論及理由均會記錄在案。",
          "只有在該評估得出正面結論，而且您已同意本通知後，貴公司才會被視為法團專業投資者。",
        ],
        seeAlso: [],
      },
      {
        id: "consequences",
        heading: "這對貴公司的意義",
        paragraphs: [
          "永續合約只提供予專業投資者。貴公司須被視為法團專業投資者，才可在本平台買賣永續合約。永續合約是槓桿衍生工具：貴公司可能迅速損失賬戶內的全部抵押品。",
          "《操守準則》容許持牌機構在與經其評估並已同意的法團專業投資者交易時，獲豁免遵守若干保障其他客戶的規定。本平台的永續合約審查並不依賴該等豁免：貴公司與其他客戶一樣，須就其對風險的理解及其資產淨值接受評估；代貴公司落盤的每位人士，亦須先就衍生工具知識接受評估，方可進行交易。",
          "貴公司須確保其獲授權交易員名單保持最新，並須報告其情況的任何變更，例如公司架構、投資職能或作出決定的人員。合規主任會覆核每項變更。",
        ],
        seeAlso: [{ href: "/portal/onboarding/risk-disclosures", label: "永續合約風險披露" }],
      },
      {
        id: "right-to-withdraw",
        heading: "您的撤回權利",
        paragraphs: [
          "貴公司可隨時透過本平台以書面通知我們，撤回被視為法團專業投資者，無須提供理由。我們會從速處理，並在您的收件匣確認。",
          "撤回生效後，由於永續合約只提供予專業投資者，貴公司不能再開立或增加永續合約倉位，但仍可減少及平掉現有倉位。",
        ],
        seeAlso: [],
      },
      {
        id: "consent",
        heading: "您的同意",
        paragraphs: [
          "您作出同意，即代表貴公司確認：您已閱讀本通知、您可代表貴公司作出此同意，以及貴公司同意被視為法團專業投資者。此同意會連同本通知的版本及其確切文本的指紋一併記錄。",
        ],
        seeAlso: [],
      },
    ],
  },
};
