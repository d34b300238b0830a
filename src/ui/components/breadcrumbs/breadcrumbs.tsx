import { Icon } from '../icon/icon.js';

export interface BreadcrumbItem {
  label: string;
  /** Omit for the current page, which is the last item. */
  href?: string;
}

export interface BreadcrumbsProps {
  items: BreadcrumbItem[];
}

export function Breadcrumbs(props: BreadcrumbsProps) {
  if (props.items.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label="مسیر صفحه">
      <ol class="breadcrumbs__list">
        {props.items.map((item, i) => (
          <li class="breadcrumbs__item" key={`${item.label}-${i}`} aria-current={item.href === undefined ? 'page' : undefined}>
            {i > 0 && <Icon name="chevron-next" size="small" class="breadcrumbs__separator" />}
            {item.href === undefined ? item.label : (
              <a class="breadcrumbs__link" href={item.href}>
                {item.label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
