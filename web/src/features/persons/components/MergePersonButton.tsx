import { MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Person } from '../../../api/contracts';
import { FormError } from '../../../components/FormError';
import { SubmitFooter } from '../../../components/SubmitFooter';
import { useT } from '../../../i18n';
import { useMergePerson } from '../api';
import { PersonSelect, personSummary } from './PersonSelect';

/**
 * 合并重复记录 (province): pick the duplicate of this person, confirm with both records named;
 * the duplicate's credentials, employments and contributions move here and it leaves the registry.
 */
export function MergePersonButton({ survivor }: { survivor: Person }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [duplicate, setDuplicate] = useState<Person | undefined>();
  const merge = useMergePerson();

  const close = () => {
    setOpen(false);
    setDuplicate(undefined);
    merge.reset();
  };
  const confirm = () => {
    if (!duplicate) return;
    modal.confirm({
      title: t('merge.confirm.title'),
      content: t('merge.confirm.content', {
        duplicate: personSummary(duplicate, t),
        survivor: personSummary(survivor, t),
      }),
      okText: t('merge.submit'),
      okButtonProps: { danger: true, 'data-testid': 'merge-confirm-ok' },
      cancelText: t('common.cancel'),
      // A refusal closes the confirmation and shows the server's message in the merge dialog.
      onOk: () =>
        merge
          .mutateAsync({ survivorId: survivor.id, duplicateId: duplicate.id })
          .then(({ moved }) => {
            message.success(t('merge.done', { ...moved }));
            close();
          })
          .catch(() => undefined),
    });
  };

  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="person-merge-button">
        {t('merge.button')}
      </Button>
      <Modal
        open={open}
        title={t('merge.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          <SubmitFooter
            onCancel={close}
            onSubmit={confirm}
            loading={merge.isPending}
            label={t('merge.next')}
            testId="merge-next"
          />
        }
        data-testid="merge-modal"
      >
        <Alert type="warning" showIcon title={t('merge.help')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          {t('merge.survivor')}
          <Typography.Text strong>{personSummary(survivor, t)}</Typography.Text>
        </Typography.Paragraph>
        <FormError error={merge.error} testId="merge-error" />
        <Form layout="vertical">
          <Form.Item label={t('merge.duplicate')} required>
            <PersonSelect
              exclude={survivor.id}
              value={duplicate?.id}
              onPick={setDuplicate}
              data-testid="merge-duplicate"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
