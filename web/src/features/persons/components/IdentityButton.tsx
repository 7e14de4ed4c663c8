import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal } from 'antd';
import { useT } from '../../../i18n';
import { usePersonIdentity } from '../api';

/** 查看完整证件号: the full ID number, birth date and phone, in a modal that says the view was audited. */
export function IdentityButton({ personId }: { personId: string }) {
  const t = useT();
  const identity = usePersonIdentity();

  return (
    <>
      <Button
        icon={<EyeOutlined />}
        loading={identity.isPending}
        onClick={() => identity.mutate(personId)}
        data-testid="person-pii-button"
      >
        {t('person.pii.button')}
      </Button>
      <Modal
        open={identity.isSuccess}
        title={t('person.pii.title')}
        onCancel={() => identity.reset()}
        footer={
          <Button type="primary" onClick={() => identity.reset()} data-testid="person-pii-close">
            {t('common.close')}
          </Button>
        }
        data-testid="person-pii-modal"
      >
        {identity.data && (
          <>
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                {
                  key: 'idNumber',
                  label: t('person.idNumber'),
                  children: <span data-testid="person-pii-id-number">{identity.data.idNumber}</span>,
                },
                {
                  key: 'birthDate',
                  label: t('person.birthDate'),
                  children: <span data-testid="person-pii-birth-date">{identity.data.birthDate}</span>,
                },
                {
                  key: 'phone',
                  label: t('person.phone'),
                  children: <span data-testid="person-pii-phone">{identity.data.phone ?? '—'}</span>,
                },
              ]}
            />
            <Alert type="warning" showIcon title={t('person.pii.audited')} style={{ marginTop: 16 }} />
          </>
        )}
      </Modal>
    </>
  );
}
