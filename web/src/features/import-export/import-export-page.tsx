import { Tabs } from '@mantine/core';
import { IconArchive, IconFileExport, IconFileImport, IconUsersGroup } from '@tabler/icons-react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { BackupTab } from './backup-tab';
import { DuplicatesTab } from './duplicates-tab';
import { ExportTab } from './export-tab';
import { ImportTab } from './import-tab';

const TABS = [
  { value: 'import', label: 'Import', icon: IconFileImport, panel: ImportTab },
  { value: 'export', label: 'Export', icon: IconFileExport, panel: ExportTab },
  { value: 'backup', label: 'Backup', icon: IconArchive, panel: BackupTab },
  { value: 'duplicates', label: 'Duplicates', icon: IconUsersGroup, panel: DuplicatesTab },
] as const;

export default function ImportExportPage() {
  const { tab = 'import' } = useParams();
  const navigate = useNavigate();
  const current = TABS.find((t) => t.value === tab);
  useDocumentTitle(current ? `${current.label} · Import / Export` : 'Import / Export');
  if (!current) return <Navigate to="/import" replace />;
  const Panel = current.panel;
  return (
    <div style={{ maxWidth: 1040 }}>
      <PageHeader
        title="Import / Export"
        subtitle="Bring your contacts in, take them anywhere, keep a backup, and tidy up duplicates."
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
