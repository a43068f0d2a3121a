"""The words design documents use for their sections and labels, in the corpus's languages.

Kept apart from the code that uses them so that a new language or phrasing is one line here.
Each pattern is an alternation of plain words and short bounded groups: linear to match.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Starts only after a non-space: each run of spaces is scanned once (linear time).
_BETWEEN = re.compile(r"(?<!\s)\s+\|\s+")


def alternation(*groups: str) -> re.Pattern[str]:
    """One pattern from alternatives separated by `` | `` (a bar between spaces or line breaks).

    A bar inside a group (``(?:a|b)``) has no space around it and stays where it is.
    """
    parts = [part.strip() for group in groups for part in _BETWEEN.split(f" {group} ")]
    return re.compile("|".join(part for part in parts if part))


# Cross-cutting sections (model section 3): their content describes the whole system.
CROSS_CUTTING = alternation(
    r"""\barchitecture\b | \boverview\b | \bprinciples?\b | \btech(?:nology|nical)? stack\b
    | \btechnology (?:selection|choices?|decisions?)\b | \btechnical context\b
    | \b(?:directory|project|file|folder|source|code|repository|module) structure\b
    | \b(?:directory|project|file|folder|source|code|repository) (?:layout|organi[sz]ation)\b
    | \bmodule responsibilities\b | \b(?:error|exception|failure) handling\b
    | \berror (?:strategy|categories)\b
    | ^(?:[\w-]+ )?security(?: (?:considerations?|design|measures|checklist|requirements))?$
    | ^(?:[\w-]+ )?security (?:standards|architecture|testing|model|notes)$
    | \bperformance\b | \bscalability\b | \bmonitoring\b | \bobservability\b | \blogging\b
    | \balerting\b | \btest(?:s|ing)?\b | \bqa\b | \bquality assurance\b | \bdeployment\b
    | \brollout\b | \bdeploy\b | \bconstitution\b | \bcomplexity tracking\b | \bnon-goals\b""",
    # ja, zh
    """アーキテクチャ | 概要 | エラーハンドリング | エラー処理 | 例外処理 | テスト | セキュリティ
    | パフォーマンス | 技術スタック | テクノロジースタック | ディレクトリ構成 | ディレクトリ構造
    | プロジェクト構成 | 設計原則 | 監視 | ロギング | デプロイ | 非目標
    | 架构 | 概述 | 概览 | 错误处理 | 异常处理 | 測試 | 测试 | 安全 | 性能 | 技术栈 | 技术选型
    | 目录结构 | 项目结构 | 部署 | 监控 | 日志 | 设计原则""",
    # pt, es, ko, vi, id
    r"""\barquitetura\b | \barquitectura\b | \bvisão geral\b | \bvisión general\b
    | \bprincípios\b | \bfilosofia\b | \btratamento de erros?\b | \bmanejo de errores\b
    | \btestes\b | \bpruebas\b | \bsegurança\b | \bseguridad\b | \bdesempenho\b
    | \brendimiento\b | \bimplantação\b | \bdespliegue\b | \bmonitoramento\b
    | \bestrutura de (?:arquivos|pastas|diretórios|projeto)\b
    | 아키텍처 | 개요 | 오류 처리 | 에러 처리 | 테스트 | 보안 | 성능 | 배포 | 모니터링 | 기술 스택
    | 디렉토리 구조 | \bkiến trúc\b | \btổng quan\b | \bxử lý lỗi\b | \bkiểm thử\b | \bbảo mật\b
    | \bhiệu năng\b | \btriển khai\b | \barsitektur\b | \bpengujian\b | \bkeamanan\b
    | \bpenanganan (?:error|kesalahan)\b""",
)

# A title naming a part of the system is that part, however cross-cutting its subject sounds
# ("Security Service", "Error Handling Middleware").
PART = alternation(
    r"""\b(?:services?|components?|controllers?|managers?|modules?|middlewares?)\b
    | \b(?:filters?|guards?|providers?|handlers?|clients?|layers?|stores?|repositor(?:y|ies))\b
    | \b(?:adapters?|gateways?|engines?|processors?|workers?|jobs?|schedulers?|hooks?)\b
    | \b(?:composables?|widgets?|pages?)\b
    | サービス | コンポーネント | 服务 | 组件 | 控制器 | 中间件 | 模块 | 서비스 | 컴포넌트"""
)
SPEC_KIT = re.compile(
    r"^(?:technical context|constitution check|project structure|complexity tracking)\b"
)

PROPERTIES = alternation(
    r"""\bcorrectness\b | \bproperties$ | ^propert(?:y|ies)$ | 正确性 | 正確性 | 정확성
    | ^propriedades\b | プロパティ$"""
)
COMPONENTS = alternation(
    r"""(?<![\w-])(?:components|services)(?![\w-])
    | \bcomponent (?:design|breakdown|overview|structure)\b | \bcomponentes\b | \bservice layer\b"""
)
# Languages without a plural: "コンポーネント設計" is a section of parts, "TaskForm コンポーネント"
# one part (see headings.context).
COMPONENTS_CJK = re.compile(r"コンポーネント|组件|元件|컴포넌트")
VALIDATION = alternation(
    r"""\bvalidat(?:ion|ions|e|ing)\b | \bvalidação\b | \bvalidações\b | \bvalidación\b
    | \bvalidasi\b | \b(?:business|validation|data) rules?\b | ^rules$ | \bregras\b
    | \bconstraints?\b | \brestrições\b
    | バリデーション | 検証 | 入力チェック | 制約 | 验证 | 校验 | 校驗 | 约束
    | 유효성 | 검증 | 제약"""
)
NOT_VALIDATION = alternation(
    r"""\berrors?\b | \berros?\b | エラー | 错误 | 오류 | \bexceptions?\b | \btest | \bviolations?\b
    | \bpropert | \bimplementation\b | \bimplementação\b | 実装 | 实现 | \bcheck(?:points?|lists?)\b
    | \bsteps?\b | \bphases?\b | \bresponsibilit | 責務 | 职责 | 責任"""
)
RELATIONSHIPS = alternation(
    r"""\brelationships?\b | \brelations\b | \brelacionamentos?\b | \brelações\b | \brelasi\b
    | リレーション | 関係 | 关系 | 關係 | 관계"""
)
API = alternation(
    r"""\bapi\b | \bapis\b | \bendpoints?\b | \broutes?\b | \brotas\b | \brest\b | \bcontracts?\b
    | エンドポイント | 接口 | ルート | 路由 | 엔드포인트"""
)
TYPES = alternation(
    r"""\btypes\b | \binterfaces\b | \bdtos?\b | \bcommands\b | \bqueries\b | \bevents\b
    | \bmessages\b | \brequests\b | \bresponses\b | \bformats?\b | \bpayloads?\b
    | 型定義 | 类型 | タイプ | 타입 | 请求 | 响应 | 格式 | リクエスト | レスポンス"""
)
DATA = alternation(
    r"""\bdata ?models?\b | \bmodels?\b | \bentit(?:y|ies)\b | \bschemas?\b | \bdatabase\b
    | \btables?\b | \bdomain model\b | \bdata (?:layer|structures?|design)\b
    | \bmodelo de dados\b | \bmodelos?\b | \bentidades?\b | \besquema\b | \bskema\b | \btabelas?\b
    | データモデル | データベース | ドメインモデル | エンティティ | テーブル | 数据模型 | 数据库
    | 数据表 | 实体 | 表设计 | 데이터 모델 | 데이터베이스 | 엔티티 | 테이블"""
)
PROPERTY_WORDS = (
    r"Property|Propriedade|Propiedad|Propriété|Eigenschaft|属性|プロパティ|性质|性質|속성"
    r"|Thuộc tính"
)

#: Single words that name a kind of parts ("#### Models", "#### Pages"), never one part.
KINDS_OF_PARTS = words(
    """models enums actions middleware policies pages hooks types interfaces dtos guards
    decorators utilities helpers utils services components endpoints routes schemas events jobs"""
)

#: Sub-headings that describe one side of a component ("#### Responsibilities", "#### Interface").
FACETS = words(
    """responsibilities responsibility interface interfaces methods api dependencies purpose usage
    implementation configuration props properties events state behavior behaviour notes example
    examples description details inputs outputs errors error handling flow contract contracts
    operations public key and & service event batch job management definition preconditions
    postconditions invariants boundaries constraints / 責務 インターフェース 依存関係 実装 职责 接口
    依赖 实现 책임 인터페이스"""
)

#: First cells of the key/value table right under a heading that make the heading a part
#: (cc-sdd: ``| Intent | ... |``, ``| Requirements | 2.1 |``).
PART_KEYS = alternation(
    r"""^(?:intent|responsibilit(?:y|ies)|purpose|role|owner|requirements?|component|module)$
    | ^(?:目的|責務|意図|役割|职责|意图|用途|用途|역할|목적|intenção|responsabilidade)$"""
)

#: Headings that name no entity, however they are decorated.
NOT_ENTITIES = words(
    """overview summary notes relations relationships indexes indices constraints validation
    migrations migration diagram schema schemas changes updates usage example examples context
    background purpose scope assumptions conventions enums types dtos interfaces models entities
    tables database data core configuration config structure structures fields columns attributes
    properties queries query storage cache redis prisma typescript jpa flyway sql orm json yaml api
    domain logical physical input output internal response request state transitions lifecycle
    persistence retention security performance mapping design extension details definitions
    definition erd er main base common shared"""
)
#: Words that make a decorated multi-word heading a topic rather than an entity.
NOT_IN_ENTITY_NAMES = words(
    "data core database configuration schema diagram overview summary types models entities"
)
#: Words around a table name in a heading that add nothing to it ("DB: `alerts` Table").
TABLE_DECORATION = words(
    "db database table tables schema model entity collection new extended extend existing"
)

#: Words of generic bold labels (``**Purpose**:``, ``**Key Methods**:``): a label made only of
#: these names no part.
LABEL_WORDS = words(
    """purpose responsibilities responsibility key classes interface interfaces methods props
    events state dependencies features location file files description usage example notes note
    implementation functions endpoints fields attributes properties relationships validation
    rules errors behavior behaviour actions getters api configuration types inputs outputs input
    output returns routes request response flow integration security testing performance
    important status models endpoint groups contract definition service & boundaries technical
    details overview summary new public private existing updated additional main core
    components component services modules structure hooks pages
    nota notas implementação comportamento exemplo exemplos observação observações descrição
    objetivo objetivos responsabilidades responsabilidade dependências mitigação risco riscos
    importante atenção uso não há resumo contexto motivação decisão benefícios limitações ejemplo
    descripción 注意 备注 说明 注 补充 補足 備考 注記 참고 설명 주의 インターフェース 依存関係
    実装上の注記 責務と制約 責務 目的 概要 制約 接口 依赖 职责"""
)

#: Bold labels over a list of an entity's fields (``**Fields**:``).
FIELD_LABELS = words(
    "fields columns attributes properties schema campos colunas atributos 字段 フィールド 属性 필드"
)
