import { getTableColumns } from 'drizzle-orm';
import { boolean, customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const products = pgTable('products', {
  id: uuid('id').primaryKey().defaultRandom(),
  sku: text('sku').notNull().unique(),
  slug: text('slug').notNull().unique(),
  category: text('category').notNull(),
  kind: text('kind', { enum: ['physical', 'digital'] }).notNull(),
  status: text('status', { enum: ['on_sale', 'preorder', 'sold_out', 'ended'] }).notNull(),
  titleEn: text('title_en').notNull(),
  titleJa: text('title_ja').notNull(),
  descriptionEn: text('description_en').notNull().default(''),
  descriptionJa: text('description_ja').notNull().default(''),
  priceJpy: integer('price_jpy').notNull(),
  stock: integer('stock').notNull().default(0),
  purchaseLimit: integer('purchase_limit'),
  preorderOpensAt: timestamp('preorder_opens_at', { withTimezone: true }),
  preorderClosesAt: timestamp('preorder_closes_at', { withTimezone: true }),
  releaseMonth: text('release_month'),
  regionCode: text('region_code'),
  domesticOnly: boolean('domestic_only').notNull().default(false),
  memberOnly: boolean('member_only').notNull().default(false),
  weightG: integer('weight_g').notNull().default(0),
  lengthCm: integer('length_cm').notNull().default(0),
  widthCm: integer('width_cm').notNull().default(0),
  heightCm: integer('height_cm').notNull().default(0),
  imageHue: integer('image_hue').notNull().default(200),
  searchDocument: tsvector('search_document').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// The search document is for the index only; pages never need it, and it is the widest column.
const { searchDocument: _searchDocument, ...displayColumns } = getTableColumns(products);

/** Every product column a page or use case reads: select with this, not the whole row. */
export const productColumns = displayColumns;

export type Product = Omit<typeof products.$inferSelect, 'searchDocument'>;
