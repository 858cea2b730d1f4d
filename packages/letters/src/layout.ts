/** Page geometry for A4 letters posted in DL window envelopes. All pdfkit units are points. */

export const POINTS_PER_MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * POINTS_PER_MM;

/** ISO 216 A4, which pdfkit calls "A4": 210 × 297 mm. */
export const A4 = { widthMm: 210, heightMm: 297 } as const;

/**
 * The standard UK DL window envelope (110 × 220 mm) has a 90 × 35 mm window 20 mm from the left
 * edge and 15 mm from the bottom edge (window specifications give the size height first, then the
 * distance from the left, then from the bottom, with the flap on top). An A4 sheet folded in three
 * makes a 99 mm packet, which settles to the bottom of the 110 mm envelope; the window then shows
 * the part of the sheet from 110 − 15 − 35 − (110 − 99) = 49 mm to 84 mm from its top edge, and
 * 20 to 110 mm from its left edge. Sources: UK envelope makers' "DL window" specification
 * (90 × 35 mm, 20 mm left, 15 mm bottom), and the convention for writing window positions
 * described at response-envelope.com/windows.htm.
 */
export const DL_ENVELOPE = { widthMm: 220, heightMm: 110 } as const;
export const DL_WINDOW_ON_ENVELOPE = { leftMm: 20, bottomMm: 15, widthMm: 90, heightMm: 35 } as const;
export const A4_THIRD_FOLD_MM = A4.heightMm / 3;

/** Where the window falls on the unfolded A4 sheet, measured from its top-left corner. */
export const DL_WINDOW_ON_SHEET = (() => {
  const slack = DL_ENVELOPE.heightMm - A4_THIRD_FOLD_MM;
  const topFromEnvelopeTop = DL_ENVELOPE.heightMm - DL_WINDOW_ON_ENVELOPE.bottomMm - DL_WINDOW_ON_ENVELOPE.heightMm;
  return {
    leftMm: DL_WINDOW_ON_ENVELOPE.leftMm,
    topMm: topFromEnvelopeTop - slack,
    widthMm: DL_WINDOW_ON_ENVELOPE.widthMm,
    heightMm: DL_WINDOW_ON_ENVELOPE.heightMm,
  };
})();

/**
 * The recipient's address is printed inside the window with a clear margin, because the packet
 * moves a few millimetres in the envelope and Royal Mail's readers need a clear zone around it.
 */
export const ADDRESS_CLEARANCE_MM = 3;
export const ADDRESS_BLOCK = {
  leftMm: DL_WINDOW_ON_SHEET.leftMm + ADDRESS_CLEARANCE_MM + 1,
  topMm: DL_WINDOW_ON_SHEET.topMm + ADDRESS_CLEARANCE_MM,
  widthMm: DL_WINDOW_ON_SHEET.widthMm - 2 * ADDRESS_CLEARANCE_MM - 1,
  heightMm: DL_WINDOW_ON_SHEET.heightMm - 2 * ADDRESS_CLEARANCE_MM,
} as const;

export const PAGE_MARGINS_MM = { left: 20, right: 20, top: 26, bottom: 34 } as const;

export interface Typography {
  body: number;
  lineGap: number;
  paragraphGap: number;
  heading: number;
  subject: number;
  councilName: number;
  contact: number;
  footer: number;
  /** The address must fit the envelope window, so its size is capped and shrinks to fit. */
  addressMax: number;
  addressMin: number;
}

export const STANDARD_PRINT: Typography = {
  body: 11,
  lineGap: 3,
  paragraphGap: 8,
  heading: 12.5,
  subject: 12.5,
  councilName: 18,
  contact: 9.5,
  footer: 9,
  addressMax: 11,
  addressMin: 8.5,
};

/**
 * RNIB's large print guidance asks for 16 to 18 point; everything but the address in the window
 * is at least 16 point.
 */
export const LARGE_PRINT: Typography = {
  body: 16,
  lineGap: 4,
  paragraphGap: 12,
  heading: 18,
  subject: 18,
  councilName: 22,
  contact: 16,
  footer: 16,
  addressMax: 12,
  addressMin: 8.5,
};
