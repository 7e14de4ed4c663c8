import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Tooltip, Typography } from 'antd';
import { FormError } from '../../../components/FormError';
import { useLang, useT } from '../../../i18n';
import { hasAnyPermission, useMe } from '../../auth/api';
import { useInviteStaff, useOrganisation } from '../api';

/**
 * 邀请员工, for an organisation's administrator: creates a one-time link and shows it to copy.
 * Only for the organisation's administrator; disabled until the organisation is approved.
 */
export function InviteStaffButton() {
  const t = useT();
  const { lang } = useLang();
  const { data: user } = useMe();
  const orgId = user?.orgId && user.isOrgAdmin && hasAnyPermission(user, ['org.invite']) ? user.orgId : null;
  const org = useOrganisation(orgId);
  const invite = useInviteStaff();

  if (!orgId || !org.data) return null;
  const approved = org.data.status === 'approved';
  const link = invite.data ? `${window.location.origin}/invitations/${invite.data.token}` : '';

  const button = (
    <Button
      icon={<UserAddOutlined />}
      disabled={!approved}
      loading={invite.isPending}
      onClick={() => invite.mutate(orgId)}
      data-testid="org-invite"
    >
      {t('org.invite.button')}
    </Button>
  );

  return (
    <>
      {approved ? button : <Tooltip title={t('org.invite.notApproved')}>{button}</Tooltip>}
      <Modal
        open={invite.isSuccess || invite.isError}
        title={t('org.invite.title')}
        onCancel={() => invite.reset()}
        footer={
          <Button type="primary" onClick={() => invite.reset()}>
            {t('common.close')}
          </Button>
        }
        data-testid="org-invite-modal"
      >
        <FormError error={invite.error} testId="org-invite-error" />
        {invite.data && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('org.invite.help')} />
            <Typography.Paragraph copyable={{ text: link }} code data-testid="invite-link">
              {link}
            </Typography.Paragraph>
            <Typography.Text type="secondary" data-testid="invite-expires">
              {t('org.invite.expiresAt', {
                expiresAt: new Date(invite.data.expiresAt).toLocaleString(lang, {
                  hour12: false,
                  timeZone: 'Asia/Shanghai',
                }),
              })}
            </Typography.Text>
          </>
        )}
      </Modal>
    </>
  );
}
