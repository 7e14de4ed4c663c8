import { App, Button, Popconfirm, Space, type ButtonProps } from 'antd';
import { errorText } from '../../../app/QueryProvider';
import { useT } from '../../../i18n';
import { useApplicationAction, type ApplicationAction } from '../api';
import { ACTION_LABELS, NEGATIVE_ACTIONS, STATE_LABELS } from './labels';

/**
 * The next steps of one application: the server lists in `actions` what the current user may do
 * now (talent: 接受邀请 / 接受录用 / 婉拒 / 撤回; enterprise: 面试 / 发放录用 / 确认入职 (only once the talent
 * accepted the offer) / 不予录用 / 撤回).
 * Each is confirmed; 确认入职 says that the employment goes into the registry.
 */
export function ApplicationActions({ application }: { application: { id: string; actions: ApplicationAction[] } }) {
  const t = useT();
  const { message } = App.useApp();
  const act = useApplicationAction();
  if (application.actions.length === 0) return null;

  const run = (action: ApplicationAction) =>
    act.mutate(
      { id: application.id, action },
      {
        onSuccess: (a) => message.success(t('matching.applications.done', { state: t(STATE_LABELS[a.status]) })),
        onError: (e) => message.error(errorText(e, t)),
      },
    );

  return (
    <Space size={4} wrap>
      {application.actions.map((action) => {
        const label = t(ACTION_LABELS[action]);
        const negative = NEGATIVE_ACTIONS.includes(action);
        const busy = act.isPending && act.variables.action === action;
        return (
          <Popconfirm
            key={action}
            title={action === 'hire' ? t('matching.act.hireConfirm') : t('matching.act.confirm', { action: label })}
            onConfirm={() => run(action)}
            okButtonProps={{ 'data-testid': `app-confirm-${action}-${application.id}` } as ButtonProps}
          >
            <Button
              size="small"
              type={negative ? 'default' : 'primary'}
              danger={negative}
              loading={busy}
              disabled={act.isPending && !busy}
              data-testid={`app-action-${action}-${application.id}`}
            >
              {label}
            </Button>
          </Popconfirm>
        );
      })}
    </Space>
  );
}
