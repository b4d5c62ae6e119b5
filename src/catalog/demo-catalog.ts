import { systemClock } from '../lib/clock.ts';

/** Shop categories, in the order the storefront lists them. */
export const categories = [
  'figures',
  'bluray',
  'cd',
  'apparel',
  'goods',
  'digital',
  'fanclub',
] as const;

/** One of the shop's product categories. */
export type Category = (typeof categories)[number];

/** Display names of each category in English and Japanese. */
export const categoryNames: Record<Category, { en: string; ja: string }> = {
  figures: { en: 'Figures', ja: 'フィギュア' },
  bluray: { en: 'Blu-ray & DVD', ja: 'Blu-ray・DVD' },
  cd: { en: 'CDs', ja: 'CD' },
  apparel: { en: 'Apparel', ja: 'アパレル' },
  goods: { en: 'Goods', ja: 'グッズ' },
  digital: { en: 'Digital', ja: 'デジタルコンテンツ' },
  fanclub: { en: 'Fan club exclusives', ja: 'ファンクラブ限定' },
};

/** A product of the demo catalog, with dates relative to when it is seeded. */
export interface DemoProduct {
  sku: string;
  slug: string;
  category: Category;
  kind: 'physical' | 'digital';
  status: 'on_sale' | 'preorder' | 'sold_out' | 'ended';
  titleEn: string;
  titleJa: string;
  descriptionEn: string;
  descriptionJa: string;
  priceJpy: number;
  stock: number;
  purchaseLimit: number | null;
  preorder: { opensDaysFromNow: number; closesDaysFromNow: number; releaseMonth: string } | null;
  regionCode: string | null;
  domesticOnly: boolean;
  memberOnly: boolean;
  weightG: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  imageHue: number;
}

type Defaulted =
  | 'kind'
  | 'status'
  | 'purchaseLimit'
  | 'preorder'
  | 'regionCode'
  | 'domesticOnly'
  | 'memberOnly';

// Most products share these values, so each entry below only spells out what sets it apart.
function product(
  fields: Omit<DemoProduct, Defaulted> & Partial<Pick<DemoProduct, Defaulted>>,
): DemoProduct {
  return {
    kind: 'physical',
    status: 'on_sale',
    purchaseLimit: null,
    preorder: null,
    regionCode: null,
    domesticOnly: false,
    memberOnly: false,
    ...fields,
  };
}

// The pre-order's release month moves with the calendar, like its order window.
function monthFromNow(months: number): string {
  const now = systemClock.now();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return month.toISOString().slice(0, 7);
}

// Downloads never run out; a large count keeps the ordinary stock check working for them.
const digitalStock = 9999;

/** The demo shop's products: fictional franchises covering every kind of item the shop sells. */
export const demoCatalog: readonly DemoProduct[] = [
  product({
    sku: 'FIG-001',
    slug: 'azure-arcadia-rin-amagase-1-7-figure',
    category: 'figures',
    titleEn: 'Azure Arcadia: Rin Amagase 1/7 Scale Figure',
    titleJa: '蒼穹のアルカディア 天ヶ瀬リン 1/7スケールフィギュア',
    descriptionEn:
      'Rin Amagase, the airship navigator of Azure Arcadia, leans into the wind on a cloud-shaped base. Her scarf and coat tails are sculpted in translucent layers that catch the light. The figure stands about 24 cm tall including the base.',
    descriptionJa:
      '『蒼穹のアルカディア』より、飛空艇の航海士・天ヶ瀬リンが1/7スケールで立体化。雲をかたどった台座の上で風を受けるポーズを、なびくマフラーとコートの裾まで丁寧に再現しました。台座込みの全高は約24cmです。',
    priceJpy: 19800,
    stock: 48,
    weightG: 1200,
    lengthCm: 30,
    widthCm: 21,
    heightCm: 18,
    imageHue: 205,
  }),
  product({
    sku: 'FIG-002',
    slug: 'stardust-luminous-hikari-asahina-stage-costume-1-7-figure',
    category: 'figures',
    status: 'preorder',
    titleEn: 'Stardust Luminous: Hikari Asahina 1/7 Scale Figure, Stage Costume Version',
    titleJa: '星屑ルミナス 朝比奈ひかり ステージ衣装Ver. 1/7スケールフィギュア',
    descriptionEn:
      'Hikari Asahina in the costume from her first solo stage, caught at the moment the spotlight finds her. The gradient skirt and the crystal stage base are made of clear parts. Pre-orders are taken for a limited time only, and the figure ships in its release month.',
    descriptionJa:
      '『星屑ルミナス』の朝比奈ひかりが、初ソロステージの衣装で登場。スポットライトを浴びた瞬間の表情と、グラデーションのかかったスカートをクリアパーツで表現しました。ご予約は期間限定の受付で、発売月になり次第お届けします。',
    priceJpy: 24200,
    stock: 150,
    purchaseLimit: 2,
    preorder: { opensDaysFromNow: -1, closesDaysFromNow: 30, releaseMonth: monthFromNow(4) },
    weightG: 1300,
    lengthCm: 32,
    widthCm: 22,
    heightCm: 19,
    imageHue: 330,
  }),
  product({
    sku: 'FIG-003',
    slug: 'mahoroba-cafe-mio-shirasagi-1-6-figure',
    category: 'figures',
    status: 'sold_out',
    titleEn: 'Mahoroba Café Casebook: Mio Shirasagi 1/6 Scale Figure',
    titleJa: 'まほろば喫茶の事件簿 白鷺ミオ 1/6スケールフィギュア',
    descriptionEn:
      'Mio Shirasagi, the detective waitress of Mahoroba Café, carries a tray with a teacup and a suspicious sugar bowl. The café counter base comes with a tiny clue card. This figure has sold out and there are no plans for a restock at present.',
    descriptionJa:
      '『まほろば喫茶の事件簿』より、探偵ウェイトレスの白鷺ミオが1/6スケールで登場。紅茶と怪しい角砂糖入れを載せたトレイを手に、喫茶店のカウンター風台座に立っています。本商品は完売しました。再販の予定は現在ありません。',
    priceJpy: 16500,
    stock: 0,
    weightG: 1100,
    lengthCm: 28,
    widthCm: 20,
    heightCm: 17,
    imageHue: 28,
  }),
  product({
    sku: 'FIG-004',
    slug: 'night-train-nocturne-kanade-tsukishiro-1-4-figure',
    category: 'figures',
    titleEn: 'Night Train Nocturne: Kanade Tsukishiro 1/4 Scale Figure',
    titleJa: '夜行列車ノクターン 月代カナデ 1/4スケールフィギュア',
    descriptionEn:
      'A large 1/4 scale figure of conductor Kanade Tsukishiro from the film Night Train Nocturne. She stands on a station platform base with a USB-powered LED lamp. The figure is about 45 cm tall, so the box is large too.',
    descriptionJa:
      '劇場アニメ『夜行列車ノクターン』の車掌・月代カナデを、迫力の1/4スケールで立体化しました。駅のホームを模した台座には、USB給電で点灯するLEDの駅灯が付属します。全高約45cmの大型商品のため、外箱も大きめです。',
    priceJpy: 37400,
    stock: 20,
    weightG: 3600,
    lengthCm: 48,
    widthCm: 34,
    heightCm: 30,
    imageHue: 248,
  }),
  product({
    sku: 'FIG-005',
    slug: 'azure-arcadia-captain-sora-kirishima-1-7-figure',
    category: 'figures',
    titleEn: 'Azure Arcadia: Captain Sora Kirishima 1/7 Scale Figure',
    titleJa: '蒼穹のアルカディア 霧島ソラ船長 1/7スケールフィギュア',
    descriptionEn:
      'Captain Sora Kirishima of the sky pirate ship Kumokiri draws her sabre on the bow. Her long coat sweeps back in a curve that suggests the speed of the ship. An alternate smiling face is included.',
    descriptionJa:
      '空賊船「雲霧」の船長・霧島ソラが、船首でサーベルを抜き放つ姿で1/7スケールフィギュア化。大きくひるがえるロングコートが、船の疾走感を伝えます。笑顔の差し替え表情パーツが付属します。',
    priceJpy: 22000,
    stock: 35,
    weightG: 1400,
    lengthCm: 33,
    widthCm: 23,
    heightCm: 19,
    imageHue: 212,
  }),
  product({
    sku: 'BD-001',
    slug: 'azure-arcadia-blu-ray-volume-1',
    category: 'bluray',
    titleEn: 'Azure Arcadia Blu-ray Volume 1',
    titleJa: '蒼穹のアルカディア Blu-ray 第1巻',
    descriptionEn:
      'The first Blu-ray volume of the TV anime Azure Arcadia, with episodes 1 to 3. This Japanese edition is region A and has Japanese audio and Japanese subtitles only. The first pressing includes a 16-page booklet of key animation art.',
    descriptionJa:
      'TVアニメ『蒼穹のアルカディア』Blu-ray第1巻。第1話から第3話を収録しています。国内版のためリージョンAで、音声・字幕は日本語のみです。初回生産分には原画を収めた16ページのブックレットが付きます。',
    priceJpy: 7700,
    stock: 120,
    regionCode: 'A',
    weightG: 160,
    lengthCm: 19,
    widthCm: 14,
    heightCm: 2,
    imageHue: 200,
  }),
  product({
    sku: 'BD-002',
    slug: 'azure-arcadia-complete-blu-ray-box',
    category: 'bluray',
    titleEn: 'Azure Arcadia Complete Blu-ray Box (English Subtitles)',
    titleJa: '蒼穹のアルカディア Blu-ray BOX（英語字幕付き）',
    descriptionEn:
      'All 24 episodes of Azure Arcadia on four discs, in a box illustrated by the character designer. This edition plays in regions A, B and C and has English subtitles. A 64-page book of production notes is included.',
    descriptionJa:
      '『蒼穹のアルカディア』全24話をディスク4枚に収録し、キャラクターデザイナー描き下ろしの収納BOXに収めました。リージョンA・B・Cのいずれでも再生でき、英語字幕も収録しています。64ページの設定資料ブックレット付きです。',
    priceJpy: 19800,
    stock: 60,
    regionCode: 'ABC',
    weightG: 1250,
    lengthCm: 22,
    widthCm: 17,
    heightCm: 9,
    imageHue: 195,
  }),
  product({
    sku: 'BD-003',
    slug: 'stardust-luminous-1st-live-starting-glow-blu-ray',
    category: 'bluray',
    titleEn: 'Stardust Luminous 1st Live "Starting Glow" Blu-ray',
    titleJa: '星屑ルミナス 1st LIVE「Starting Glow」Blu-ray',
    descriptionEn:
      'The whole of the first Stardust Luminous live concert, Starting Glow, filmed at the sold-out arena show. The disc is region free and includes a backstage documentary. The talk segments can be watched with English or Japanese subtitles.',
    descriptionJa:
      '『星屑ルミナス』1stライブ「Starting Glow」のアリーナ公演を全曲ノーカットで収録。リージョンフリーのディスクで、舞台裏を追ったドキュメンタリー映像も収めています。MCパートには日本語・英語字幕を表示できます。',
    priceJpy: 9900,
    stock: 90,
    regionCode: 'ALL',
    weightG: 220,
    lengthCm: 19,
    widthCm: 14,
    heightCm: 2,
    imageHue: 320,
  }),
  product({
    sku: 'BD-004',
    slug: 'night-train-nocturne-blu-ray-european-edition',
    category: 'bluray',
    titleEn: 'Night Train Nocturne Blu-ray (European Edition)',
    titleJa: '夜行列車ノクターン Blu-ray（ヨーロッパ版）',
    descriptionEn:
      'The European edition of the anime film Night Train Nocturne, released by our partner label. It is region B, for players sold in Europe, Africa and Oceania. English and French subtitles are included.',
    descriptionJa:
      '劇場アニメ『夜行列車ノクターン』のヨーロッパ版Blu-rayです。リージョンBのため、日本や北米で販売されているプレーヤーでは再生できない場合があります。英語・フランス語字幕を収録しています。',
    priceJpy: 8800,
    stock: 25,
    regionCode: 'B',
    weightG: 150,
    lengthCm: 19,
    widthCm: 14,
    heightCm: 2,
    imageHue: 240,
  }),
  product({
    sku: 'BD-005',
    slug: 'night-train-nocturne-blu-ray-deluxe-edition',
    category: 'bluray',
    titleEn: 'Night Train Nocturne Blu-ray Deluxe Edition',
    titleJa: '夜行列車ノクターン Blu-ray デラックスエディション',
    descriptionEn:
      "The Japanese deluxe edition of Night Train Nocturne, with the director's commentary and a bonus disc of storyboards. It is region A. The slipcase also holds a replica of a night train ticket.",
    descriptionJa:
      '劇場アニメ『夜行列車ノクターン』の国内版デラックスエディション。本編に加え、監督のオーディオコメンタリーと絵コンテを収めた特典ディスクを収録しています。リージョンAです。乗車券のレプリカが入ったスリーブケース仕様です。',
    priceJpy: 12100,
    stock: 70,
    regionCode: 'A',
    weightG: 400,
    lengthCm: 20,
    widthCm: 15,
    heightCm: 4,
    imageHue: 252,
  }),
  product({
    sku: 'DVD-001',
    slug: 'mahoroba-cafe-ova-the-missing-teaspoon-dvd',
    category: 'bluray',
    titleEn: 'Mahoroba Café Casebook OVA "The Missing Teaspoon" DVD',
    titleJa: 'まほろば喫茶の事件簿 OVA「消えたティースプーン」DVD',
    descriptionEn:
      'The original video episode The Missing Teaspoon from Mahoroba Café Casebook, on DVD. This Japanese DVD is region 2 and plays on players sold in Japan and Europe. The running time is about 30 minutes.',
    descriptionJa:
      '『まほろば喫茶の事件簿』OVA「消えたティースプーン」のDVDです。国内版のためリージョン2で、日本とヨーロッパで販売されているプレーヤーで再生できます。収録時間は約30分です。',
    priceJpy: 5280,
    stock: 40,
    regionCode: '2',
    weightG: 130,
    lengthCm: 19,
    widthCm: 14,
    heightCm: 2,
    imageHue: 34,
  }),
  product({
    sku: 'CD-001',
    slug: 'kitsunebi-signal-foxfire-frequency-cd',
    category: 'cd',
    titleEn: 'Kitsunebi Signal 2nd Album "Foxfire Frequency"',
    titleJa: 'キツネビ・シグナル 2ndアルバム『狐火周波数』',
    descriptionEn:
      'The second full album from the rock band Kitsunebi Signal, twelve tracks recorded live in the studio. It includes the singles Heat Haze Drive and Lantern Line. The lyric booklet has English translations.',
    descriptionJa:
      'ロックバンド・キツネビ・シグナルの2ndフルアルバム。スタジオ一発録りの全12曲を収録し、シングル「陽炎ドライブ」「ランタンライン」も収めています。歌詞ブックレットには英訳を掲載しています。',
    priceJpy: 3300,
    stock: 180,
    weightG: 120,
    lengthCm: 15,
    widthCm: 13,
    heightCm: 2,
    imageHue: 16,
  }),
  product({
    sku: 'CD-002',
    slug: 'stardust-luminous-twinkle-relay-limited-edition',
    category: 'cd',
    titleEn: 'Stardust Luminous 3rd Single "Twinkle Relay" Limited Edition (CD+Blu-ray)',
    titleJa: '星屑ルミナス 3rdシングル「トゥインクル・リレー」初回限定盤（CD+Blu-ray）',
    descriptionEn:
      'The limited edition of the third Stardust Luminous single, with a Blu-ray of the music video. Each copy holds one random trading card out of seven. Orders are limited to two per customer so that more fans can get one.',
    descriptionJa:
      '『星屑ルミナス』3rdシングルの初回限定盤で、ミュージックビデオを収めたBlu-rayが付属します。全7種のトレーディングカードからランダムで1枚封入。より多くの方にお届けするため、お一人様2点までとさせていただきます。',
    priceJpy: 3300,
    stock: 200,
    purchaseLimit: 2,
    weightG: 180,
    lengthCm: 15,
    widthCm: 13,
    heightCm: 2,
    imageHue: 315,
  }),
  product({
    sku: 'CD-003',
    slug: 'azure-arcadia-original-soundtrack',
    category: 'cd',
    titleEn: 'Azure Arcadia Original Soundtrack',
    titleJa: '蒼穹のアルカディア オリジナル・サウンドトラック',
    descriptionEn:
      'Two discs of orchestral score from Azure Arcadia, 48 tracks including the opening and ending themes in TV size. The liner notes carry an interview with the composer.',
    descriptionJa:
      '『蒼穹のアルカディア』の劇伴を2枚組・全48曲で収録したオリジナル・サウンドトラックです。オープニング・エンディングのTVサイズも収めています。ライナーノーツには作曲家のインタビューを掲載しています。',
    priceJpy: 4400,
    stock: 75,
    weightG: 150,
    lengthCm: 15,
    widthCm: 13,
    heightCm: 2,
    imageHue: 208,
  }),
  product({
    sku: 'CD-004',
    slug: 'stardust-luminous-meteor-promise-ticket-lottery-serial',
    category: 'cd',
    titleEn: 'Stardust Luminous 4th Single "Meteor Promise" (with Ticket Lottery Serial)',
    titleJa: '星屑ルミナス 4thシングル「流星プロミス」（チケット先行抽選シリアル封入）',
    descriptionEn:
      'The fourth Stardust Luminous single, with a serial code for the ticket lottery of the 2nd live concert in Tokyo. The lottery is open only to residents of Japan, so this item ships to addresses in Japan only. Customers overseas can order it through a forwarding service.',
    descriptionJa:
      '『星屑ルミナス』4thシングル。2ndライブ東京公演のチケット先行抽選シリアルナンバーを封入しています。抽選は日本国内在住の方が対象のため、本商品は日本国内の住所にのみお届けします。海外のお客様は転送サービスをご利用ください。',
    priceJpy: 1650,
    stock: 200,
    domesticOnly: true,
    weightG: 100,
    lengthCm: 15,
    widthCm: 13,
    heightCm: 2,
    imageHue: 300,
  }),
  product({
    sku: 'CD-005',
    slug: 'night-train-nocturne-character-song-kanade',
    category: 'cd',
    titleEn: 'Night Train Nocturne Character Song: Kanade Tsukishiro "Platform at Dawn"',
    titleJa: '夜行列車ノクターン キャラクターソング 月代カナデ「夜明けのプラットホーム」',
    descriptionEn:
      'A character song for Kanade Tsukishiro, sung by her voice actress, with a quiet piano ballad and its instrumental version. The newly drawn jacket shows Kanade on the first train of the morning.',
    descriptionJa:
      '劇場アニメ『夜行列車ノクターン』より、月代カナデのキャラクターソングCD。ピアノバラードの表題曲とインストゥルメンタルを収録しています。ジャケットには始発列車に乗るカナデを描き下ろしました。',
    priceJpy: 1430,
    stock: 60,
    weightG: 100,
    lengthCm: 15,
    widthCm: 13,
    heightCm: 1,
    imageHue: 236,
  }),
  product({
    sku: 'APP-001',
    slug: 'kitsunebi-signal-foxfire-tour-2026-t-shirt-l',
    category: 'apparel',
    titleEn: 'Kitsunebi Signal Foxfire Tour 2026 T-shirt (L)',
    titleJa: 'キツネビ・シグナル Foxfire Tour 2026 Tシャツ（L）',
    descriptionEn:
      'The official T-shirt of the Kitsunebi Signal Foxfire Tour 2026, with the tour dates printed on the back. Heavyweight black cotton, size L, 55 cm across the chest and 74 cm long. The cut runs large, so please check the measurements.',
    descriptionJa:
      'キツネビ・シグナル「Foxfire Tour 2026」オフィシャルTシャツ。背面にツアー日程をプリントしています。厚手の綿素材、カラーはブラック、サイズはL（身幅55cm・着丈74cm）です。大きめの作りのため、サイズ表をご確認ください。',
    priceJpy: 4400,
    stock: 120,
    weightG: 220,
    lengthCm: 28,
    widthCm: 22,
    heightCm: 3,
    imageHue: 12,
  }),
  product({
    sku: 'APP-002',
    slug: 'azure-arcadia-sky-pirates-emblem-hoodie-m',
    category: 'apparel',
    titleEn: 'Azure Arcadia Sky Pirates Emblem Hoodie (M)',
    titleJa: '蒼穹のアルカディア 空賊エンブレム パーカー（M）',
    descriptionEn:
      'A hoodie with the emblem of the Kumokiri sky pirates embroidered on the chest. Brushed fleece in navy, size M. The hood lining carries the motto of the ship in small print.',
    descriptionJa:
      '空賊船「雲霧」のエンブレムを胸元に刺繍したパーカーです。裏起毛のスウェット素材で、カラーはネイビー、サイズはMです。フードの裏地には船の合言葉を小さくプリントしました。',
    priceJpy: 8800,
    stock: 45,
    weightG: 700,
    lengthCm: 35,
    widthCm: 28,
    heightCm: 7,
    imageHue: 220,
  }),
  product({
    sku: 'APP-003',
    slug: 'stardust-luminous-logo-cap',
    category: 'apparel',
    titleEn: 'Stardust Luminous Logo Cap',
    titleJa: '星屑ルミナス ロゴキャップ',
    descriptionEn:
      'A low cap with the Stardust Luminous logo embroidered in silver thread. The strap at the back adjusts to most head sizes.',
    descriptionJa:
      '『星屑ルミナス』のロゴを銀糸で刺繍したキャップです。後ろのアジャスターで頭まわりのサイズを調整できます。',
    priceJpy: 3850,
    stock: 60,
    weightG: 150,
    lengthCm: 25,
    widthCm: 20,
    heightCm: 12,
    imageHue: 325,
  }),
  product({
    sku: 'GDS-001',
    slug: 'stardust-luminous-acrylic-stand-hikari',
    category: 'goods',
    titleEn: 'Stardust Luminous Acrylic Stand: Hikari Asahina',
    titleJa: '星屑ルミナス アクリルスタンド 朝比奈ひかり',
    descriptionEn:
      'An acrylic stand of Hikari Asahina in a newly drawn rehearsal outfit. It is about 15 cm tall and printed on both sides. The base slots in without tools.',
    descriptionJa:
      '描き下ろしのレッスン着姿の朝比奈ひかりを、アクリルスタンドにしました。高さは約15cmで、両面印刷です。台座は差し込むだけで組み立てられます。',
    priceJpy: 1980,
    stock: 200,
    weightG: 80,
    lengthCm: 16,
    widthCm: 11,
    heightCm: 3,
    imageHue: 335,
  }),
  product({
    sku: 'GDS-002',
    slug: 'mahoroba-cafe-acrylic-keychain-mio',
    category: 'goods',
    titleEn: 'Mahoroba Café Casebook Acrylic Keychain: Mio Shirasagi',
    titleJa: 'まほろば喫茶の事件簿 アクリルキーホルダー 白鷺ミオ',
    descriptionEn:
      'A small acrylic keychain of Mio Shirasagi holding a magnifying glass. It is about 6 cm long and comes on a silver ball chain.',
    descriptionJa:
      '虫眼鏡を手にした白鷺ミオのアクリルキーホルダーです。大きさは約6cmで、シルバーのボールチェーンが付いています。',
    priceJpy: 770,
    stock: 200,
    weightG: 20,
    lengthCm: 10,
    widthCm: 7,
    heightCm: 1,
    imageHue: 24,
  }),
  product({
    sku: 'GDS-003',
    slug: 'azure-arcadia-b2-tapestry-deck-at-sunset',
    category: 'goods',
    titleEn: 'Azure Arcadia B2 Tapestry "Deck at Sunset"',
    titleJa: '蒼穹のアルカディア B2タペストリー「夕暮れの甲板」',
    descriptionEn:
      'A B2 size tapestry of the Azure Arcadia crew gathered on the deck at sunset. It is printed on smooth suede-touch fabric with hanging rods at the top and bottom. It ships rolled in a tube so that it arrives without creases.',
    descriptionJa:
      '夕暮れの甲板に集まった『蒼穹のアルカディア』の仲間たちを描いたB2タペストリーです。なめらかなスエード調の生地に印刷し、上下に吊り下げ用の棒が付いています。折り目がつかないよう、筒に丸めてお届けします。',
    priceJpy: 4400,
    stock: 50,
    weightG: 300,
    lengthCm: 56,
    widthCm: 8,
    heightCm: 8,
    imageHue: 18,
  }),
  product({
    sku: 'GDS-004',
    slug: 'night-train-nocturne-can-badge-set',
    category: 'goods',
    titleEn: 'Night Train Nocturne Can Badge Set (5 Pieces)',
    titleJa: '夜行列車ノクターン 缶バッジ5個セット',
    descriptionEn:
      'A set of five 57 mm can badges showing the main cast of Night Train Nocturne in uniform. Every design is in the set, so there is no blind draw.',
    descriptionJa:
      '『夜行列車ノクターン』の主要キャラクター5人を制服姿で描いた、57mm缶バッジの5個セットです。全種類が入っているので、ランダムではありません。',
    priceJpy: 2750,
    stock: 80,
    weightG: 90,
    lengthCm: 15,
    widthCm: 12,
    heightCm: 3,
    imageHue: 244,
  }),
  product({
    sku: 'GDS-005',
    slug: 'stardust-luminous-official-penlight',
    category: 'goods',
    titleEn: 'Stardust Luminous Official Penlight',
    titleJa: '星屑ルミナス 公式ペンライト',
    descriptionEn:
      'The official Stardust Luminous penlight, switching between 15 colours including every member colour. It runs on three AAA batteries, which are sold separately.',
    descriptionJa:
      '『星屑ルミナス』公式ペンライト。メンバーカラーを含む15色に切り替えられます。単4形乾電池3本で動作します（電池は別売りです）。',
    priceJpy: 3300,
    stock: 150,
    weightG: 140,
    lengthCm: 26,
    widthCm: 6,
    heightCm: 5,
    imageHue: 285,
  }),
  product({
    sku: 'GDS-006',
    slug: 'kitsunebi-signal-muffler-towel',
    category: 'goods',
    titleEn: 'Kitsunebi Signal Muffler Towel',
    titleJa: 'キツネビ・シグナル マフラータオル',
    descriptionEn:
      'A long muffler towel with the fox logo of Kitsunebi Signal, made for waving in the front row. It measures 20 by 110 cm in soft cotton pile.',
    descriptionJa:
      'キツネビ・シグナルの狐ロゴをあしらったマフラータオルです。サイズは20×110cmで、やわらかな綿パイル地を使用しています。ライブで振りやすい長さです。',
    priceJpy: 2200,
    stock: 100,
    weightG: 120,
    lengthCm: 22,
    widthCm: 16,
    heightCm: 3,
    imageHue: 8,
  }),
  product({
    sku: 'GDS-007',
    slug: 'azure-arcadia-1st-anniversary-acrylic-diorama',
    category: 'goods',
    status: 'ended',
    titleEn: 'Azure Arcadia 1st Anniversary Acrylic Diorama',
    titleJa: '蒼穹のアルカディア 放送1周年記念 アクリルジオラマ',
    descriptionEn:
      'An acrylic diorama made for the first anniversary of Azure Arcadia, with the airship sailing over a sea of clouds. Sales of this commemorative item have ended.',
    descriptionJa:
      '『蒼穹のアルカディア』放送1周年を記念したアクリルジオラマです。雲海の上を進む飛空艇を、重ねたアクリル板で立体的に表現しました。本商品の販売は終了しました。',
    priceJpy: 6600,
    stock: 0,
    weightG: 350,
    lengthCm: 22,
    widthCm: 16,
    heightCm: 6,
    imageHue: 190,
  }),
  product({
    sku: 'GDS-008',
    slug: 'mahoroba-cafe-mug',
    category: 'goods',
    titleEn: 'Mahoroba Café Casebook Mug',
    titleJa: 'まほろば喫茶の事件簿 マグカップ',
    descriptionEn:
      "A ceramic mug printed with the Mahoroba Café logo and the house rule 'Tea first, deductions later'. It holds 350 ml and is dishwasher safe.",
    descriptionJa:
      'まほろば喫茶のロゴと店の決まり「推理は紅茶を一杯飲んでから」をプリントした陶器のマグカップです。容量は350mlで、食器洗い機に対応しています。',
    priceJpy: 2420,
    stock: 40,
    weightG: 450,
    lengthCm: 14,
    widthCm: 12,
    heightCm: 11,
    imageHue: 40,
  }),
  product({
    sku: 'DIG-001',
    slug: 'azure-arcadia-digital-art-book',
    category: 'digital',
    kind: 'digital',
    titleEn: 'Azure Arcadia Digital Art Book',
    titleJa: '蒼穹のアルカディア デジタルアートブック',
    descriptionEn:
      'A 160-page digital art book for Azure Arcadia with character sheets, background art and airship designs. It is a PDF that you can download from MyPage as soon as payment is complete. As digital content, it cannot be cancelled once the download has been shown.',
    descriptionJa:
      '『蒼穹のアルカディア』のキャラクター設定、美術背景、飛空艇デザインを収めた全160ページのデジタルアートブックです。PDF形式で、決済完了後すぐにマイページからダウンロードできます。デジタルコンテンツのため、ダウンロードの表示後はキャンセルできません。',
    priceJpy: 2750,
    stock: digitalStock,
    weightG: 0,
    lengthCm: 0,
    widthCm: 0,
    heightCm: 0,
    imageHue: 180,
  }),
  product({
    sku: 'DIG-002',
    slug: 'kitsunebi-signal-foxfire-frequency-hi-res-download',
    category: 'digital',
    kind: 'digital',
    titleEn: 'Kitsunebi Signal "Foxfire Frequency" Hi-Res Download',
    titleJa: 'キツネビ・シグナル『狐火周波数』ハイレゾ配信',
    descriptionEn:
      'The album Foxfire Frequency by Kitsunebi Signal as a high-resolution FLAC download at 24 bit and 96 kHz. All twelve tracks come with a PDF of the lyric booklet. The download link appears on MyPage once payment is complete.',
    descriptionJa:
      'キツネビ・シグナルのアルバム『狐火周波数』のハイレゾ音源（FLAC 24bit/96kHz）です。全12曲に加え、歌詞ブックレットのPDFが付属します。決済完了後、マイページにダウンロードリンクが表示されます。',
    priceJpy: 3000,
    stock: digitalStock,
    weightG: 0,
    lengthCm: 0,
    widthCm: 0,
    heightCm: 0,
    imageHue: 20,
  }),
  product({
    sku: 'FC-001',
    slug: 'foxlight-fan-club-leather-pass-case',
    category: 'fanclub',
    memberOnly: true,
    titleEn: 'Foxlight Fan Club Leather Pass Case',
    titleJa: '狐灯会 会員限定 本革パスケース',
    descriptionEn:
      'A leather pass case stamped with the Foxlight crest, sold only to members of the official Kitsunebi Signal fan club. It holds a membership card and a transit card side by side.',
    descriptionJa:
      'キツネビ・シグナル オフィシャルファンクラブ「狐灯会」会員限定の本革パスケースです。会員証と交通系ICカードを並べて収納できます。ファンクラブの紋章を型押ししています。',
    priceJpy: 3850,
    stock: 80,
    weightG: 60,
    lengthCm: 14,
    widthCm: 10,
    heightCm: 2,
    imageHue: 30,
  }),
  product({
    sku: 'FC-002',
    slug: 'luminous-garden-birthday-acrylic-block-hikari',
    category: 'fanclub',
    memberOnly: true,
    titleEn: 'Luminous Garden Birthday Acrylic Block: Hikari Asahina',
    titleJa: 'ルミナスガーデン会員限定 朝比奈ひかり バースデーアクリルブロック',
    descriptionEn:
      'A birthday acrylic block for Hikari Asahina, sold only to members of the Luminous Garden fan club. Each member may buy one. The illustration was drawn for her birthday and will not be sold anywhere else.',
    descriptionJa:
      'ファンクラブ「ルミナスガーデン」会員限定、朝比奈ひかりの誕生日を祝うアクリルブロックです。お一人様1点までのご購入となります。誕生日のために描き下ろしたイラストで、ほかでの販売予定はありません。',
    priceJpy: 3300,
    stock: 100,
    purchaseLimit: 1,
    weightG: 220,
    lengthCm: 12,
    widthCm: 10,
    heightCm: 5,
    imageHue: 340,
  }),
];
