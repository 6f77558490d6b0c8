// Data hooks of products and sales: every path of the products API the pages use is here.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AllocationModel, AllocationModelsBody, CheckSaleBody, CrossSellReport, CustomerProducts, ProductDetail, ProductImportResult, ProductListQuery,
  ProductSettings, ProductSettingsBody, RecordSaleBody, Sale, SalesReport, SalesReportQuery, SaveProductBody, SuitabilityMatrix,
  SuitabilityMatrixBody, SuitabilityResult, Product, ProductDocument,
} from '@contracts/products';
import { api, download, type Query } from '../../app/api';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type ProductFilters = Partial<Omit<ProductListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export const useProducts = (f: ProductFilters) =>
  useQuery({
    queryKey: ['products', 'list', f],
    queryFn: ({ signal }) => api<Paged<Product>>('/api/products', { query: f as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const useProduct = (code: string | null) =>
  useQuery({ queryKey: ['products', 'detail', code], queryFn: () => api<ProductDetail>(`/api/products/${encodeURIComponent(code!)}`), enabled: !!code });

function useInvalidating<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, keys: readonly (readonly unknown[])[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: async () => { await Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: k }))); } });
}

export const useSaveProduct = () =>
  useInvalidating((v: { code: string; body: SaveProductBody }) => api<ProductDetail>(`/api/products/${encodeURIComponent(v.code)}`, { method: 'PUT', body: v.body }), [['products']]);

export const useImportProducts = () =>
  useInvalidating((file: File) => api<ProductImportResult>('/api/products/import', { query: { fileName: file.name }, raw: file }), [['products']]);

export const useUploadDocument = (code: string) =>
  useInvalidating((file: File) => api<ProductDocument>(`/api/products/${encodeURIComponent(code)}/documents`, { query: { fileName: file.name }, raw: file }), [['products', 'detail', code]]);

export const downloadDocument = (code: string, doc: ProductDocument) => download(`/api/products/${encodeURIComponent(code)}/documents/${doc.id}`, {}, doc.fileName);
export const downloadTemplate = () => download('/api/products/import-template.xlsx', {}, 'products-template.xlsx');

// ---- head office's rules ---------------------------------------------------------------------------

export const useMatrix = () => useQuery({ queryKey: ['products', 'matrix'], queryFn: () => api<SuitabilityMatrix>('/api/product-rules/suitability') });
export const useSaveMatrix = () =>
  useInvalidating((b: SuitabilityMatrixBody) => api<SuitabilityMatrix>('/api/product-rules/suitability', { method: 'PUT', body: b }), [['products', 'matrix']]);
export const useModels = () => useQuery({ queryKey: ['products', 'models'], queryFn: () => api<AllocationModel[]>('/api/product-rules/allocation-models') });
export const useSaveModels = () =>
  useInvalidating((b: AllocationModelsBody) => api<AllocationModel[]>('/api/product-rules/allocation-models', { method: 'PUT', body: b }), [['products', 'models']]);
export const useSettings = () => useQuery({ queryKey: ['products', 'settings'], queryFn: () => api<ProductSettings>('/api/product-rules/settings') });
export const useSaveSettings = () =>
  useInvalidating((b: ProductSettingsBody) => api<ProductSettings>('/api/product-rules/settings', { method: 'PUT', body: b }), [['products', 'settings']]);

// ---- a customer's products and sales ---------------------------------------------------------------

export const customerProductsKey = (id: number) => ['products', 'customer', id] as const;
export const useCustomerProducts = (id: number) =>
  useQuery({ queryKey: customerProductsKey(id), queryFn: () => api<CustomerProducts>(`/api/customers/${id}/products`), enabled: id > 0 });

/** A sale changes holdings and the timeline too: the customer's own queries reload. */
const customerKeys = (id: number) => [customerProductsKey(id), ['customers', 'detail', id], ['customers', 'timeline', id]] as const;

export const checkSale = (id: number, b: CheckSaleBody) => api<SuitabilityResult>(`/api/customers/${id}/sales/check`, { body: b });
export const useRecordSale = (id: number) => useInvalidating((b: RecordSaleBody) => api<Sale>(`/api/customers/${id}/sales`, { body: b }), customerKeys(id));
export const useCancelSale = (id: number) =>
  useInvalidating((v: { saleId: number; reason: string }) => api<Sale>(`/api/customers/${id}/sales/${v.saleId}/cancel`, { body: { reason: v.reason } }), customerKeys(id));
export const useRecordReview = (id: number) =>
  useInvalidating((note: string) => api<{ id: number; drift: string }>(`/api/customers/${id}/allocation-reviews`, { body: { note } }), customerKeys(id));

// ---- reports ---------------------------------------------------------------------------------------

export const useSalesReport = (q: Partial<SalesReportQuery>) =>
  useQuery({ queryKey: ['products', 'report', q], queryFn: () => api<SalesReport>('/api/sales/report', { query: q as Query }), placeholderData: keepPreviousData });
export const useCrossSell = (groupBy: 'rm' | 'branch') =>
  useQuery({ queryKey: ['products', 'cross-sell', groupBy], queryFn: () => api<CrossSellReport>('/api/sales/cross-sell', { query: { groupBy } }) });
