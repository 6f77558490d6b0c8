// Panels that one module adds to another module's page (the customer 360 page, the RM workbench),
// registered here so that web features never import each other: each panel loads lazily.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Col } from 'antd';
import type { Customer360 } from '@contracts/customers';
import type { PermissionCode } from '@contracts/roles';
import { useAuth } from './auth';
import { menuAllows } from './menu';

export type CustomerPanelProps = { customer: Customer360 };
/** Workbench panels show the signed-in RM's own figures. */
export type WorkbenchPanelProps = Record<string, never>;

type Panel<P> = {
  key: string;
  /** Any one of them opens the panel; null: everyone who sees the page. */
  permission: PermissionCode | readonly PermissionCode[] | null;
  /** Full width or half of a wide screen. */
  span: 'full' | 'half';
  component: LazyExoticComponent<ComponentType<P>>;
};

/** Loads the named export `name` of a feature module as a lazy component. */
export function lazyPanel<P>(load: () => Promise<Record<string, unknown>>, name: string): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
}

/** In page order, after the customer module's own cards. */
export const CUSTOMER_PANELS: Panel<CustomerPanelProps>[] = [
  { key: 'products', permission: 'products.read', span: 'full', component: lazyPanel(() => import('../features/products/customer-products-panel'), 'CustomerProductsPanel') },
  { key: 'insights', permission: 'insights.read', span: 'full', component: lazyPanel(() => import('../features/insights/customer-insights-panel'), 'CustomerInsightsPanel') },
];

/** In page order, after the workbench's own cards. */
export const WORKBENCH_PANELS: Panel<WorkbenchPanelProps>[] = [
  { key: 'growth-referrals', permission: 'referrals.work', span: 'half', component: lazyPanel(() => import('../features/campaigns/workbench-panels'), 'ReferralsPanel') },
  { key: 'growth-pipeline', permission: 'referrals.work', span: 'half', component: lazyPanel(() => import('../features/campaigns/workbench-panels'), 'PipelinePanel') },
  { key: 'insights', permission: 'insights.read', span: 'half', component: lazyPanel(() => import('../features/insights/workbench-insights-panel'), 'WorkbenchInsightsPanel') },
];

function usePermitted<P>(panels: Panel<P>[]): Panel<P>[] {
  const { me } = useAuth();
  return panels.filter((p) => menuAllows(p.permission, me?.permissions ?? {}));
}

const colProps = (span: 'full' | 'half') => (span === 'full' ? { xs: 24 } : { xs: 24, lg: 12 });

/** The registered panels of the 360 page, as columns of the page's grid. */
export function CustomerPanels({ customer }: CustomerPanelProps) {
  return usePermitted(CUSTOMER_PANELS).map((p) => (
    <Col key={p.key} {...colProps(p.span)}>
      <Suspense fallback={null}>
        <p.component customer={customer} />
      </Suspense>
    </Col>
  ));
}

/** The registered panels of the RM workbench, as columns of the page's grid. */
export function WorkbenchPanels() {
  return usePermitted(WORKBENCH_PANELS).map((p) => (
    <Col key={p.key} {...colProps(p.span)}>
      <Suspense fallback={null}>
        <p.component />
      </Suspense>
    </Col>
  ));
}
