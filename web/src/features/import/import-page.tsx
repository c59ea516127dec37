import { Tabs } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ImportTab } from './import-tab';

/*
 * Import / Export: one page, one tab per job. Add a tab by adding an entry
 * here (its route is /import/<value>); the Import tab is the default.
 */
export interface ImportExportTab {
  value: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  panel: ComponentType;
}

export const TABS: ImportExportTab[] = [{ value: 'import', label: 'Import', icon: IconFileImport, panel: ImportTab }];

export default function ImportPage() {
  const { tab = 'import' } = useParams();
  const navigate = useNavigate();
  const current = TABS.find((t) => t.value === tab);
  useDocumentTitle(current ? `${current.label} · Import / Export` : 'Import / Export');
  if (!current) return <Navigate to="/import" replace />;
  const Panel = current.panel;
  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader
        title="Import / Export"
        subtitle="Bring in your LinkedIn connections and address books. Every import shows what it will do first, and can be undone."
      />
      <Tabs
        value={current.value}
        onChange={(v) => v && navigate(v === 'import' ? '/import' : `/import/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} stroke={1.7} />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Panel />
      </Tabs>
    </div>
  );
}
