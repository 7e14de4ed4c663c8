import { App, Button, Popconfirm, Space } from 'antd';
import { errorText } from '../../../app/QueryProvider';
import { useT } from '../../../i18n';
import { useSetDemandStatus, type Demand } from '../api';
import { DEMAND_STATUS_LABELS, STATUS_MOVES } from './labels';

/** 发布 / 已满员 / 关闭 (and 重新发布) of one demand, each confirmed. */
export function DemandStatusActions({ demand, size = 'small' }: { demand: Demand; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const setStatus = useSetDemandStatus();
  const moves = STATUS_MOVES[demand.status] ?? [];
  return (
    <Space size={4} wrap>
      {moves.map((m) => {
        const busy = setStatus.isPending && setStatus.variables.to === m.to;
        return (
          <Popconfirm
            key={m.to}
            title={t('matching.action.confirmStatus', { title: demand.title, status: t(DEMAND_STATUS_LABELS[m.to]) })}
            onConfirm={() =>
              setStatus.mutate(
                { id: demand.id, to: m.to },
                {
                  onSuccess: () =>
                    message.success(t('matching.action.statusDone', { status: t(DEMAND_STATUS_LABELS[m.to]) })),
                  onError: (e) => message.error(errorText(e, t)),
                },
              )
            }
          >
            <Button
              size={size}
              type={m.to === 'open' ? 'primary' : 'default'}
              loading={busy}
              data-testid={`demand-status-${m.to}-${demand.id}`}
            >
              {t(m.label)}
            </Button>
          </Popconfirm>
        );
      })}
    </Space>
  );
}
