import type { RiskDisclosureVersion } from "./documents";
import { RISK_DISCLOSURE_V1 } from "./v1";

/**
 * Version 2 of the perpetual-contract risk disclosure (DISC-8), in English and Traditional Chinese.
 * Material: it corrects what version 1 said about the affiliated market maker. Version 1 said a
 * designated Responsible Officer oversees the AFMM's conflicts and that its trading is reviewed for
 * trading ahead of client or liquidation flow; neither is in place yet, so this version says what the
 * platform does and what it does not do yet. The other sections are version 1's, unchanged in English.
 */
const v1Section = (id: string) => {
  const section = RISK_DISCLOSURE_V1.sections.find((s) => s.id === id);
  if (!section) throw new Error(`risk disclosure v1 has no section ${id}`);
  return section;
};

export const RISK_DISCLOSURE_V2: RiskDisclosureVersion = {
  id: "rd-2026-12-v2",
  title: RISK_DISCLOSURE_V1.title,
  effectiveFrom: "2026-12-06T00:00:00+08:00",
  material: true,
  language: "en",
  introduction: RISK_DISCLOSURE_V1.introduction,
  sections: [
    v1Section("leverage"),
    v1Section("liquidation"),
    v1Section("funding"),
    v1Section("insurance-fund-adl"),
    v1Section("collateral-depeg"),
    {
      id: "afmm-conflicts",
      heading: "The affiliated market maker: conflicts of interest",
      paragraphs: [
        "A market maker in the same group as the platform operator (the affiliated market maker, AFMM) trades on this venue and may be on the other side of your trades, including trades that close your position in a liquidation. Its interests can conflict with yours.",
        "The AFMM trades under its own account, sends its orders through the same order interface as other participants and pays the same published fees. Every trade with the AFMM as a party is marked on the public trade tape.",
        "The platform does not yet have a Responsible Officer overseeing the AFMM's conflicts, a review of its trades for trading ahead of client or liquidation flow, or a published register of its conflicts. They are planned; until they are in place, the marking on the trade tape is the control you can check yourself.",
      ],
      seeAlso: [{ href: "/disclosures/trades", label: "Public trade tape, with AFMM trades marked" }],
    },
    {
      id: "operational",
      heading: "Operational risk",
      paragraphs: [
        "The platform, its price sources or its connections can fail or be interrupted. While they are, you may be unable to place or cancel orders, deposit or withdraw, and prices, liquidations and funding can still move against you when service resumes.",
        "The platform may change a market's parameters, such as fees, margin tiers or the insurance-fund floor, while the market runs. A change applies to positions you already hold and can trigger a margin call. Every change is published with its reason and the time it took effect.",
        "Keep your sign-in details secure: orders placed with them are treated as yours.",
      ],
      seeAlso: [{ href: "/disclosures/parameters", label: "Parameter change history" }],
    },
  ],
  translations: {
    "zh-HK": {
      title: "在本平台買賣永續合約的風險",
      introduction: [
        "永續合約是以虛擬資產為標的的槓桿衍生工具，只提供予專業投資者。你可能迅速地、在沒有進一步警告的情況下，損失賬戶內的全部抵押品。買賣前請閱讀以下每一節；連結的頁面公布現時適用的數字和參數。",
        "本交易場所目前為模擬環境：市場、價格、其他交易者和你的賬戶均為模擬，不涉及真實的金錢或資產轉移。以下風險描述本交易場所的運作方式，亦適用於在其上進行的真實交易。",
      ],
      sections: [
        {
          id: "leverage",
          heading: "槓桿與保證金",
          paragraphs: [
            "你存入的初始保證金只佔倉位價值的一小部分，因此價格向不利方向小幅變動，相對於你的保證金已是重大損失。較大的倉位屬於較高的保證金級別，最高槓桿較低，維持保證金較高。",
            "你的賬戶採用全倉保證金：你所有倉位和所有已結算的抵押品共用同一權益。一個倉位的損失會減少所有其他倉位可用的保證金，並可能令它們一同被強制平倉。",
            "接受訂單前，交易引擎會檢查你已結算的權益在扣除費用及按標記價格計算的即時損失後，足以支付你所有倉位和訂單的初始保證金。仍在處理中的存款一概不計作保證金。",
          ],
          seeAlso: [
            { href: "/disclosures/methodology", label: "保證金及標記價格方法，附各市場的級別" },
            { href: "/disclosures/parameters", label: "現行市場參數及其變更記錄" },
          ],
        },
        {
          id: "liquidation",
          heading: "強制平倉",
          paragraphs: [
            "當你的權益跌至低於維持保證金（按標記價格而非最後成交價計算）時，你的賬戶會在不徵詢你的情況下被強制平倉：你的掛單會被取消，倉位會先在訂單簿、再由後備流動性提供者平倉，成交價不會差於你的破產價格。平倉會收取強制平倉費，撥入該市場的保險基金。",
            "標記價格源自外部現貨價格指數。如有效的指數來源太少，指數會維持不變，標記價格及強制平倉會暫停；恢復時價格可能已大幅變動，你的倉位可能即時被強制平倉。",
            "強制平倉的成交價不會差於破產價格，因此你的欠款不會超過你的抵押品；但你可能損失全部抵押品。你的強制平倉價格和破產價格顯示於你的倉位頁面，並隨你所有倉位的標記價格而變動。",
          ],
          seeAlso: [
            { href: "/disclosures/methodology", label: "強制平倉程序及價格方法" },
            { href: "/portal/positions", label: "你的倉位，附強制平倉價格及破產價格" },
          ],
        },
        {
          id: "funding",
          heading: "資金費用",
          paragraphs: [
            "永續合約沒有到期日。為使其價格貼近指數，倉位會在每個資金費用結算期結束時支付或收取資金費用：資金費率為正數時，多頭支付空頭；為負數時，空頭支付多頭。資金費用從你的美元現金支付，即使價格沒有變動，亦可能令你的權益減少至接近強制平倉水平。",
            "費率由訂單簿相對指數的溢價決定，並設有上限。本結算期的預測費率在結算期結束前仍可能改變。",
          ],
          seeAlso: [
            { href: "/disclosures/methodology", label: "各市場的資金費用公式、結算期及上限" },
            { href: "/disclosures/markets", label: "各市場的即時資金費率" },
          ],
        },
        {
          id: "insurance-fund-adl",
          heading: "保險基金與自動減倉（ADL）",
          paragraphs: [
            "每個市場設有保險基金。它補償後備流動性提供者，並承擔強制平倉後遺下的損失。在波動的市場中，它可能降至其下限。",
            "當訂單簿、後備流動性提供者和保險基金都無法吸收被強制平倉的倉位時，另一方的獲利倉位會被自動減倉：按破產倉位的破產價格，部分或全部與之對沖平倉，無須你同意，亦不論你的訂單。獲利最多及槓桿最高的倉位最先被平倉。保險基金高於下限時，會把被減倉的倉位補足至標記價格；降至下限後則不會。",
            "你每個倉位都顯示 ADL 指示，表示它在該隊列中有多接近前列；每個市場需要進行 ADL 的可能性亦會公布。",
          ],
          seeAlso: [
            { href: "/disclosures/insurance-fund", label: "保險基金結餘、下限及分類賬" },
            { href: "/disclosures/adl", label: "各市場的 ADL 可能性及排序方法" },
          ],
        },
        {
          id: "collateral-depeg",
          heading: "抵押品、穩定幣與脫鈎",
          paragraphs: [
            "美元是結算貨幣。其他合資格抵押品以實物持有，並按扣減後價值計作保證金。平台可更改扣減率，或暫停某項資產使其按零計算，例如當穩定幣脫鈎或其發行人的狀況改變時。變更對你已持有的抵押品即時生效，即使合約價格沒有變動，亦可能令你的賬戶需要追加保證金或被強制平倉。",
            "如強制平倉後你的賬戶已無倉位而美元現金為負數，平台會按扣減後價值把你的其他抵押品兌換為美元，數額以足以彌補虧欠為限。",
            "存款只在確認後才計作保證金，其合資格性會在該時再次檢查。",
          ],
          seeAlso: [{ href: "/disclosures/methodology/collateral", label: "合資格抵押品、扣減率及其狀態" }],
        },
        {
          id: "afmm-conflicts",
          heading: "聯屬做市商：利益衝突",
          paragraphs: [
            "與平台營運者屬同一集團的做市商（聯屬做市商，AFMM）在本交易場所買賣，並可能是你交易的對手方，包括在強制平倉中為你平倉的交易。它的利益可能與你的利益衝突。",
            "AFMM 以其本身的賬戶買賣，透過與其他參與者相同的下單介面發出訂單，並支付相同的公開費用。每宗以 AFMM 為一方的交易均在公開成交記錄上標示。",
            "平台目前尚未有負責人員監督 AFMM 的利益衝突，亦未有審查其交易是否搶先於客戶或強制平倉的交易流，亦未有公布其利益衝突登記冊。這些安排已在計劃中；在落實之前，成交記錄上的標示是你可自行核對的監控措施。",
          ],
          seeAlso: [{ href: "/disclosures/trades", label: "公開成交記錄，附 AFMM 交易標示" }],
        },
        {
          id: "operational",
          heading: "營運風險",
          paragraphs: [
            "平台、其價格來源或其連線可能故障或中斷。在此期間，你可能無法下單或取消訂單、存款或提款，而服務恢復時，價格、強制平倉和資金費用仍可能對你不利。",
            "平台可在市場運作期間更改市場參數，例如費用、保證金級別或保險基金下限。變更適用於你已持有的倉位，並可能觸發追加保證金。每項變更均會連同其原因及生效時間公布。",
            "請妥善保管你的登入資料：以這些資料發出的訂單均被視為由你發出。",
          ],
          seeAlso: [{ href: "/disclosures/parameters", label: "參數變更記錄" }],
        },
      ],
    },
  },
};
