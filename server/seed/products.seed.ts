// Demo data of the products module: the catalogue (about 60 products whose codes the demo holdings
// carry), a year of sales behind those holdings, and allocation reviews.
import type { Trx } from '../platform/db';
import { insertMissingProducts } from '../modules/products/products-catalogue.repository';
import { demoProducts } from '../modules/products/products-demo';
import { insertDemoReviews, insertDemoSales } from '../modules/products/products-seed.repository';
import { seedProductsReferenceData } from '../modules/products/products.reference';

export type ProductsSeedCounts = Record<string, number>;

export async function seedProducts(trx: Trx, opts: { seed: number; today: string }): Promise<ProductsSeedCounts> {
  await seedProductsReferenceData(trx);
  const products = await insertMissingProducts(trx, demoProducts(opts.today));
  const sales = await insertDemoSales(trx, opts.today);
  const allocationReviews = await insertDemoReviews(trx, opts.today);
  return { products, sales, allocationReviews };
}
