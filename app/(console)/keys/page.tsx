import { PageHeader } from '@/components/ui/page-header';
import { KeysView } from '@/components/keys/keys-view';

export const metadata = { title: 'Keys' };

export default function KeysPage() {
  return (
    <>
      <PageHeader title="Keys" description="Encryption keys for SecureString parameters, modelled on AWS KMS: who may use each key, its rotation, and its lifecycle." />
      <KeysView />
    </>
  );
}
