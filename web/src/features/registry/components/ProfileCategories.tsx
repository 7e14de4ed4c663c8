import { Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import type { Profile } from '../../../api/contracts';
import { useT } from '../../../i18n';
import { CATEGORY_KEYS, CATEGORY_LABELS, categoryLabel } from '../labels';

const COLORS: Record<string, string> = { t1: 'blue', t2: 'gold', t3: 'purple', t4: 'cyan', composite: 'magenta' };

/** 人才类别 (T1–T4, 复合型, 高技能人才) and 当前技能等级 per occupation, on the profile's 状态日期. */
export function ProfileCategories({ profile }: { profile: Profile }) {
  const t = useT();
  const { categories, levels } = profile;
  const held = CATEGORY_KEYS.filter((k) => categories[k]);

  return (
    <Flex vertical gap="middle">
      <Card
        size="small"
        title={t('profile.categories')}
        extra={<Typography.Text type="secondary">{t('profile.onDay', { date: profile.asOf })}</Typography.Text>}
        data-testid="profile-categories"
      >
        {held.length === 0 && !categories.highSkill ? (
          <Typography.Text type="secondary">{t('profile.categories.none')}</Typography.Text>
        ) : (
          <Space size={[4, 8]} wrap>
            {held.map((k) => (
              <Tag key={k} color={COLORS[k]} data-testid={`profile-category-${k}`}>
                {categoryLabel(k, t)}
              </Tag>
            ))}
            {categories.highSkill && (
              <Tag color="green" data-testid="profile-category-highSkill">
                {t(CATEGORY_LABELS.highSkill)}
              </Tag>
            )}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('profile.levels')} data-testid="profile-levels">
        {levels.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.levels.none')} />
        ) : (
          <Descriptions
            size="small"
            column={1}
            items={levels.map((l) => ({
              key: l.occupationCode,
              label: `${l.occupationCode} ${l.occupationName ?? ''}`.trim(),
              children: l.levelName ?? l.levelCode,
            }))}
          />
        )}
      </Card>
    </Flex>
  );
}
