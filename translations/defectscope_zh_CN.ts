<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoreText</name>
    <message>
        <source>Automatic (lattice + k-NN)</source>
        <translation>自动（晶格 + k-NN）</translation>
    </message>
    <message>
        <source>Lattice topology</source>
        <translation>晶格拓扑</translation>
    </message>
    <message>
        <source>Bragg-filter residual</source>
        <translation>布拉格滤波残差</translation>
    </message>
    <message>
        <source>Isolation forest</source>
        <translation>孤立森林</translation>
    </message>
    <message>
        <source>One-class SVM</source>
        <translation>单类 SVM</translation>
    </message>
    <message>
        <source>k-nearest-neighbour distance</source>
        <translation>k 近邻距离</translation>
    </message>
    <message>
        <source>Dense neural network</source>
        <translation>全连接神经网络</translation>
    </message>
    <message>
        <source>Convolutional autoencoder + KDE</source>
        <translation>卷积自编码器 + KDE</translation>
    </message>
    <message>
        <source>k-NN weight</source>
        <translation>k-NN 权重</translation>
    </message>
    <message>
        <source>weight of the k-NN evidence against the lattice and blob evidence (ignored when labels choose it)</source>
        <translation>k-NN 证据相对于晶格证据和斑点证据的权重（由标注选择时忽略）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Training passes over the normal patches.</source>
        <translation>在正常图像块上的训练轮数。</translation>
    </message>
    <message>
        <source>Training patches</source>
        <translation>训练图像块</translation>
    </message>
    <message>
        <source>At most this many patches train the autoencoder (seeded subsample).</source>
        <translation>最多用这么多图像块训练自编码器（带种子的子样本）。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam step size.</source>
        <translation>Adam 步长。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random seed (subsample, batch order).</source>
        <translation>随机种子（子样本、批次顺序）。</translation>
    </message>
    <message>
        <source>Max epochs</source>
        <translation>最大训练轮数</translation>
    </message>
    <message>
        <source>Upper bound on training passes over the labelled patches.</source>
        <translation>在已标注图像块上训练轮数的上限。</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心值</translation>
    </message>
    <message>
        <source>Stop after this many epochs without a better validation loss.</source>
        <translation>验证损失连续这么多轮没有改善时停止。</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>验证比例</translation>
    </message>
    <message>
        <source>Share of each class held out for early stopping.</source>
        <translation>每类留出用于提前停止的比例。</translation>
    </message>
    <message>
        <source>Random seed (split, initialisation, batch order).</source>
        <translation>随机种子（划分、初始化、批次顺序）。</translation>
    </message>
    <message>
        <source>Trees</source>
        <translation>树的数量</translation>
    </message>
    <message>
        <source>Number of isolation trees; more trees give smoother scores.</source>
        <translation>孤立树的数量；树越多，分数越平滑。</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>子样本</translation>
    </message>
    <message>
        <source>Rows drawn (without replacement) to grow each tree.</source>
        <translation>为每棵树（无放回）抽取的行数。</translation>
    </message>
    <message>
        <source>Random seed; the same seed gives the same forest.</source>
        <translation>随机种子；相同的种子得到相同的森林。</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>近邻数</translation>
    </message>
    <message>
        <source>How many nearest bank patches are averaged.</source>
        <translation>对多少个最近的记忆库图像块取平均。</translation>
    </message>
    <message>
        <source>Bank size</source>
        <translation>记忆库大小</translation>
    </message>
    <message>
        <source>At most this many normal patches are kept (seeded subsample).</source>
        <translation>最多保留这么多正常图像块（带种子的子样本）。</translation>
    </message>
    <message>
        <source>Random seed of the bank subsample.</source>
        <translation>记忆库子样本的随机种子。</translation>
    </message>
    <message>
        <source>nu</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>Upper bound on the fraction of training patches treated as outliers.</source>
        <translation>被视为离群的训练图像块比例的上限。</translation>
    </message>
    <message>
        <source>gamma</source>
        <translation>gamma</translation>
    </message>
    <message>
        <source>RBF kernel width; 0 = 1 / (features x variance).</source>
        <translation>RBF 核宽度；0 = 1 /（特征数 x 方差）。</translation>
    </message>
    <message>
        <source>At most this many patches train the SVM (seeded subsample).</source>
        <translation>最多用这么多图像块训练 SVM（带种子的子样本）。</translation>
    </message>
    <message>
        <source>Random seed of the training subsample.</source>
        <translation>训练子样本的随机种子。</translation>
    </message>
</context>
<context>
    <name>ds::ui::AutoGridSizer</name>
    <message>
        <source>Patch grid from the lattice: bond length %1 px, patches of %2 px.</source>
        <translation>按晶格确定图像块网格：键长 %1 px，图像块 %2 px。</translation>
    </message>
    <message>
        <source>No clear lattice (confidence %1): the default patch grid is kept.</source>
        <translation>没有清晰的晶格（置信度 %1）：保留默认图像块网格。</translation>
    </message>
</context>
<context>
    <name>ds::ui::ContrastPanel</name>
    <message>
        <source>&amp;Auto</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <source>Clip the darkest and brightest pixels (percentiles) for the best contrast</source>
        <translation>裁掉最暗和最亮的像素（按百分位），以获得最佳对比度</translation>
    </message>
    <message>
        <source>Min/Max</source>
        <translation>最小/最大</translation>
    </message>
    <message>
        <source>Show the full range of values</source>
        <translation>显示全部数值范围</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>伽马</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>配色</translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorPanel</name>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;core</source>
        <translation>评分(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The anomaly detector: higher scores mean more unusual patches</source>
        <translation>异常检测器：分数越高，图像块越异常</translation>
    </message>
    <message>
        <source>(detector default)</source>
        <translation>（检测器默认）</translation>
    </message>
    <message>
        <source>Patch features: raw, stats, fft, hog, or several joined with &apos;+&apos;</source>
        <translation>图像块特征：raw、stats、fft、hog，或用“+”连接的多个特征</translation>
    </message>
    <message>
        <source>This image</source>
        <translation>当前图像</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>所有图像</translation>
    </message>
    <message>
        <source>Fit on your hand labels and score every patch; the ROC uses out-of-fold scores for the patches the fit saw</source>
        <translation>用您的手工标注进行拟合并为每个图像块评分；对于参与拟合的图像块，ROC 使用折外（out-of-fold）分数</translation>
    </message>
    <message>
        <source>Fit without labels (the detector learns what is usual) and score every patch</source>
        <translation>不使用标注进行拟合（检测器学习何为常态），并为每个图像块评分</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cancelled; earlier results are kept.</source>
        <translation>已取消；之前的结果已保留。</translation>
    </message>
    <message>
        <source>Supervised: needs defect and perfect labels (use Train).</source>
        <translation>监督式：需要缺陷和完好标注（请使用“训练”）。</translation>
    </message>
    <message>
        <source>Works without labels; Train also uses your labels.</source>
        <translation>无需标注即可运行；“训练”还会使用您的标注。</translation>
    </message>
    <message>
        <source>No image with pixels to run on.</source>
        <translation>没有可供运行的含像素数据的图像。</translation>
    </message>
    <message>
        <source>%p% - starting</source>
        <translation>%p% - 正在启动</translation>
    </message>
    <message numerus="yes">
        <source>Running %1 on %n image(s)...</source>
        <translation>
            <numerusform>正在对 %n 幅图像运行 %1...</numerusform>
        </translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s) scored in %2 s.</source>
        <translation>
            <numerusform>%1：%n 幅图像已在 %2 秒内完成评分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be scored:</source>
        <translation>
            <numerusform>%n 张显微图像无法计算分数：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorRunner</name>
    <message>
        <source>the detector run ended without a result</source>
        <translation>检测器运行结束，但没有结果</translation>
    </message>
</context>
<context>
    <name>ds::ui::DetectorTools</name>
    <message>
        <source>Detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>&amp;Train detector</source>
        <translation>训练检测器(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Score with detector</source>
        <translation>用检测器评分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel detector run</source>
        <translation>取消检测器运行(&amp;C)</translation>
    </message>
    <message>
        <source>Label &amp;next suggestion</source>
        <translation>标注下一个建议(&amp;N)</translation>
    </message>
    <message>
        <source>--run %1: %2</source>
        <translation>--run %1：%2</translation>
    </message>
    <message>
        <source>--run %1: no image to run on</source>
        <translation>--run %1：没有可运行的图像</translation>
    </message>
    <message>
        <source>--run: %1</source>
        <translation>--run：%1</translation>
    </message>
</context>
<context>
    <name>ds::ui::DisplayMapping</name>
    <message>
        <source>Inverted</source>
        <translation>反相</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>灰度</translation>
    </message>
</context>
<context>
    <name>ds::ui::FrameCommand</name>
    <message>
        <source>Show frame %1</source>
        <translation>显示第 %1 帧</translation>
    </message>
</context>
<context>
    <name>ds::ui::GridCommand</name>
    <message>
        <source>Change grid to %1 px / stride %2</source>
        <translation>将网格改为 %1 px / 步长 %2</translation>
    </message>
</context>
<context>
    <name>ds::ui::GridPanel</name>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Auto from lattice</source>
        <translation>根据晶格自动设置</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Estimate the bond length from the image and use patches of 4 bonds, stride 2 bonds</source>
        <translation>从图像估计键长，使用边长为 4 个键长、步长为 2 个键长的图像块</translation>
    </message>
    <message>
        <source>Patch side</source>
        <translation>图像块边长</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Origin x</source>
        <translation>原点 x</translation>
    </message>
    <message>
        <source>Origin y</source>
        <translation>原点 y</translation>
    </message>
    <message>
        <source>No lattice found: %1</source>
        <translation>未找到晶格：%1</translation>
    </message>
    <message>
        <source>Bond length %1 px (confidence %2): patches of %3 px.</source>
        <translation>键长 %1 px（置信度 %2）：图像块 %3 px。</translation>
    </message>
    <message>
        <source>Estimating the lattice…</source>
        <translation>正在估计晶格…</translation>
    </message>
    <message>
        <source>%1 x %2 = %3 patches</source>
        <translation>%1 x %2 = %3 个图像块</translation>
    </message>
    <message>
        <source>No clear lattice (confidence %1; a bond length of %2 px would be a guess): default patches of %3 px.</source>
        <translation>没有清晰的晶格（置信度 %1；%2 px 的键长只是猜测）：使用默认图像块 %3 px。</translation>
    </message>
    <message>
        <source>Size new images from the lattice</source>
        <translation>按晶格确定新图像的网格</translation>
    </message>
    <message>
        <source>When an image is added, estimate its lattice and use patches of 4 bonds, stride 2 bonds, as the command line does</source>
        <translation>添加图像时估计其晶格，并像命令行一样使用 4 个键长的图像块、2 个键长的步长</translation>
    </message>
</context>
<context>
    <name>ds::ui::HeatMapLegend</name>
    <message>
        <source>Heat-map colours: detector score from lowest (left) to highest (right); the marker is the threshold above which patches are outlined</source>
        <translation>热图颜色：检测器分数从最低（左）到最高（右）；标记处为阈值，高于阈值的图像块会被描边</translation>
    </message>
    <message>
        <source>no scores yet</source>
        <translation>尚无分数</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>阈值 %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::HeatMapPanel</name>
    <message>
        <source>Label &amp;next (N)</source>
        <translation>标注下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Whose scores the heat map shows (every detector run on this image is kept)</source>
        <translation>热图显示哪次运行的分数（此图像上的每次检测器运行都会保留）</translation>
    </message>
    <message>
        <source>Heat-map opacity</source>
        <translation>热图不透明度</translation>
    </message>
    <message>
        <source>Patches scoring at or above the threshold are outlined in green</source>
        <translation>分数达到或高于阈值的图像块以绿色描边</translation>
    </message>
    <message>
        <source>Select and centre the unlabelled patch whose label would tell the detector most (score nearest the threshold, or detectors disagreeing); then press 1 or 2</source>
        <translation>选中并居中显示其标注对检测器最有帮助的未标注图像块（分数最接近阈值，或各检测器结论不一致）；然后按 1 或 2</translation>
    </message>
    <message>
        <source>Scores of</source>
        <translation>分数来源</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>patch %1 (%2 more)</source>
        <translation>图像块 %1（另有 %2 个）</translation>
    </message>
</context>
<context>
    <name>ds::ui::HistogramWidget</name>
    <message>
        <source>Drag the limits to change the display range</source>
        <translation>拖动界限以更改显示范围</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageListPanel</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected image from the project (the file stays on disk)</source>
        <translation>从项目中移除所选图像（文件仍保留在磁盘上）</translation>
    </message>
    <message>
        <source>%1
%2 defect · %3 perfect</source>
        <translation>%1
%2 缺陷 · %3 完好</translation>
    </message>
    <message>
        <source>Synthetic graphene (seed %1)</source>
        <translation>合成石墨烯（种子 %1）</translation>
    </message>
    <message>
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Size, frames and calibration of the selected image; set its pixel size</source>
        <translation>所选图像的尺寸、帧和标定；设置其像素尺寸</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>of %1 (from 0)</source>
        <translation>共 %1 帧（从 0 开始）</translation>
    </message>
    <message>
        <source>%1, frame %2</source>
        <translation>%1，第 %2 帧</translation>
    </message>
    <message>
        <source>The frame of the stack this image stands for; runs of another frame are set aside (Undo brings them back), labels are kept</source>
        <translation>此图像所代表的堆栈帧；其他帧的运行结果会被暂存（撤销可恢复），标注保留</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageLoader</name>
    <message>
        <source>%1: no image data</source>
        <translation>%1：无图像数据</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImagePropertiesDialog</name>
    <message>
        <source>%1 per pixel (%2 nm)</source>
        <translation>每像素 %1（%2 nm）</translation>
    </message>
    <message>
        <source>%1 per pixel</source>
        <translation>每像素 %1</translation>
    </message>
    <message>
        <source>Use the file&apos;s calibration</source>
        <translation>使用文件中的标定</translation>
    </message>
    <message>
        <source>Set the pixel size:</source>
        <translation>设置像素尺寸：</translation>
    </message>
    <message>
        <source>Square pixels</source>
        <translation>正方形像素</translation>
    </message>
    <message>
        <source>Apply to all images of the project</source>
        <translation>应用于项目中的所有图像</translation>
    </message>
    <message>
        <source>Image properties - %1</source>
        <translation>图像属性 - %1</translation>
    </message>
    <message>
        <source>Synthetic graphene (seed %1)</source>
        <translation>合成石墨烯（种子 %1）</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>%1 x %2 pixels</source>
        <translation>%1 x %2 像素</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>帧数：</translation>
    </message>
    <message>
        <source>none (the file states no unit)</source>
        <translation>无（文件未给出单位）</translation>
    </message>
    <message>
        <source>x: %1, y: %2</source>
        <translation>x：%1，y：%2</translation>
    </message>
    <message>
        <source>(not a length)</source>
        <translation>（不是长度）</translation>
    </message>
    <message>
        <source>File calibration:</source>
        <translation>文件标定：</translation>
    </message>
    <message>
        <source> nm/px</source>
        <translation> nm/像素</translation>
    </message>
    <message>
        <source>Nanometres per pixel along x (columns)</source>
        <translation>沿 x（列）每像素的纳米数</translation>
    </message>
    <message>
        <source>Nanometres per pixel along y (rows)</source>
        <translation>沿 y（行）每像素的纳米数</translation>
    </message>
    <message>
        <source>Use the file&apos;s calibration (it has none)</source>
        <translation>使用文件中的标定（文件没有标定）</translation>
    </message>
    <message>
        <source>The same pixel size (or the files&apos; own calibration) for every image</source>
        <translation>所有图像使用相同的像素尺寸（或各文件自身的标定）</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <source>Drag to move the image (right or middle drag pans in every tool)</source>
        <translation>拖动以移动图像（在任何工具下，用右键或中键拖动都可平移）</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <source>Drag a rectangle to select patches, then press 1, 2 or 0 to label them</source>
        <translation>拖出矩形以选择图像块，然后按 1、2 或 0 进行标注</translation>
    </message>
    <message>
        <source>Label &amp;defect</source>
        <translation>标注为缺陷(&amp;D)</translation>
    </message>
    <message>
        <source>Click or drag over patches to label them as defect</source>
        <translation>单击或拖过图像块，将其标注为缺陷</translation>
    </message>
    <message>
        <source>Label &amp;perfect</source>
        <translation>标注为完好(&amp;P)</translation>
    </message>
    <message>
        <source>Click or drag over patches to label them as perfect</source>
        <translation>单击或拖过图像块，将其标注为完好</translation>
    </message>
    <message>
        <source>&amp;Clear label</source>
        <translation>清除标注(&amp;C)</translation>
    </message>
    <message>
        <source>Click or drag over patches to remove their labels</source>
        <translation>单击或拖过图像块以清除其标注</translation>
    </message>
    <message>
        <source>Select &amp;all patches</source>
        <translation>选择所有图像块(&amp;A)</translation>
    </message>
    <message>
        <source>Clear selec&amp;tion</source>
        <translation>取消选择(&amp;T)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelCommand</name>
    <message numerus="yes">
        <source>Label %n patch(es) defect</source>
        <translation>
            <numerusform>将 %n 个图像块标注为缺陷</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n patch(es) perfect</source>
        <translation>
            <numerusform>将 %n 个图像块标注为完好</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear %n label(s)</source>
        <translation>
            <numerusform>清除 %n 个标注</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LabelSuggestions</name>
    <message>
        <source>its score %1 is close to the threshold %2, where the detector is least sure</source>
        <translation>其分数 %1 接近阈值 %2，检测器在此处最不确定</translation>
    </message>
    <message>
        <source>its score %1 is close to the median, where the detector is least sure</source>
        <translation>其分数 %1 接近中位数，检测器在此处最不确定</translation>
    </message>
    <message>
        <source>the detectors disagree about it</source>
        <translation>各检测器对其意见不一</translation>
    </message>
    <message>
        <source>Suggested patch %1 (%2 more): %3. Press 1 for defect or 2 for perfect.</source>
        <translation>建议的图像块 %1（还有 %2 个）：%3。按 1 标为缺陷，按 2 标为完好。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>No suggestion: run a detector on this image first.</source>
        <translation>没有建议：请先在此图像上运行检测器。</translation>
    </message>
    <message>
        <source>No suggestion: every scored patch is labelled.</source>
        <translation>没有建议：所有已评分的图像块都已标注。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LanguageMenu</name>
    <message>
        <source>La&amp;nguage</source>
        <translation>语言(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;System language (%1)</source>
        <translation>系统语言 (%1)(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ds::ui::LanguageSwitcher</name>
    <message>
        <source>The language changes when the running job is done.</source>
        <translation>当前任务完成后将切换语言。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LineCalibration</name>
    <message>
        <source>Pixel size from a &amp;line…</source>
        <translation>由直线确定像素尺寸(&amp;L)…</translation>
    </message>
    <message>
        <source>Draw a line over a feature of known length, then type its length: the pixel size of the current image follows</source>
        <translation>在已知长度的特征上画一条线，然后输入其长度：由此得出当前图像的像素尺寸</translation>
    </message>
    <message>
        <source>Pixel size from a line</source>
        <translation>由直线确定像素尺寸</translation>
    </message>
    <message>
        <source>The line is %1 px long. Its length in nm:</source>
        <translation>该直线长 %1 px。其长度（nm）：</translation>
    </message>
</context>
<context>
    <name>ds::ui::MainWindow</name>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About DefectScope</source>
        <translation>关于 DefectScope(&amp;A)</translation>
    </message>
    <message>
        <source>About DefectScope</source>
        <translation>关于 DefectScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;DefectScope %1&lt;/b&gt;&lt;p&gt;Find defects in atomic-resolution electron micrographs: label patches, run anomaly detectors, compare them with ROC curves.&lt;/p&gt;</source>
        <translation>&lt;b&gt;DefectScope %1&lt;/b&gt;&lt;p&gt;在原子分辨率电子显微图像中查找缺陷：标注图像块，运行异常检测器，并用 ROC 曲线对它们进行比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Patch grid</source>
        <translation>图像块网格</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>%1[*] - DefectScope</source>
        <translation>%1[*] - DefectScope</translation>
    </message>
    <message>
        <source>DefectScope</source>
        <translation>DefectScope</translation>
    </message>
    <message>
        <source>Image p&amp;roperties…</source>
        <translation>图像属性(&amp;R)…</translation>
    </message>
    <message>
        <source>Size, frames and calibration of the current image; set its pixel size</source>
        <translation>当前图像的尺寸、帧和标定；设置其像素尺寸</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <source>The largest image to open and the auto-contrast clip</source>
        <translation>可打开的最大图像与自动对比度裁剪</translation>
    </message>
    <message>
        <source>The limit is set in Edit &gt; Preferences (Largest image to open).</source>
        <translation>该上限在 编辑 &gt; 首选项（可打开的最大图像）中设置。</translation>
    </message>
</context>
<context>
    <name>ds::ui::MicrographView</name>
    <message>
        <source>Could not load this image:
%1</source>
        <translation>无法加载此图像：
%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Open a micrograph or a project (File menu), or drop files here.</source>
        <translation>请打开显微图像或项目（“文件”菜单），或将文件拖放到此处。</translation>
    </message>
</context>
<context>
    <name>ds::ui::PixelSizeCommand</name>
    <message>
        <source>Set the pixel size</source>
        <translation>设置像素尺寸</translation>
    </message>
</context>
<context>
    <name>ds::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Files whose frames have more pixels than a square of this side are refused from their header, before anything is decoded. Small compressed files can claim enormous images; the limit bounds what opening one costs.</source>
        <translation>若文件中的帧像素数超过以此为边长的正方形，则在解码之前仅凭文件头即拒绝打开。小的压缩文件可能声明巨大的图像；此上限限制了打开此类文件的代价。</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Auto contrast sets black and white at these percentiles from each end of the image&apos;s histogram.</source>
        <translation>自动对比度将黑点和白点设在图像直方图两端的这些百分位处。</translation>
    </message>
    <message>
        <source>Largest image to open:</source>
        <translation>可打开的最大图像：</translation>
    </message>
    <message>
        <source>Auto-contrast clip:</source>
        <translation>自动对比度裁剪：</translation>
    </message>
    <message>
        <source>%1 × %1 = %2 megapixels, or as many in another shape. One such frame takes %3 GiB as 32-bit floats; analysing it takes several times that.</source>
        <translation>%1 × %1 = %2 百万像素，或其他形状的同等像素数。这样一帧以 32 位浮点数存储需 %3 GiB；分析它需要数倍于此的内存。</translation>
    </message>
</context>
<context>
    <name>ds::ui::ProjectActions</name>
    <message>
        <source>DefectScope projects (*.dsproj)</source>
        <translation>DefectScope 项目 (*.dsproj)</translation>
    </message>
    <message>
        <source>Micrographs (*.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;All files (*)</source>
        <translation>显微图像 (*.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open project or micrographs</source>
        <translation>打开项目或显微图像</translation>
    </message>
    <message>
        <source>Projects and micrographs (*.dsproj *.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;</source>
        <translation>项目和显微图像 (*.dsproj *.dm3 *.dm4 *.mrc *.tif *.tiff *.ser *.emd *.png *.jpg *.jpeg *.npy);;</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Add images…</source>
        <translation>添加图像(&amp;D)…</translation>
    </message>
    <message>
        <source>Import &amp;point annotations…</source>
        <translation>导入点标注(&amp;P)…</translation>
    </message>
    <message>
        <source>Import &amp;labels (CSV)…</source>
        <translation>导入标注 (CSV)(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Export labels (CSV)…</source>
        <translation>导出标注 (CSV)(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>项目有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>An autosave of %1 is newer than the project file: DefectScope may have stopped before the work was saved. Recover it?</source>
        <translation>%1 的自动保存比项目文件更新：DefectScope 可能在工作保存之前就已停止。是否恢复？</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not found, e.g. %1 - choose the folder they are in now</source>
        <translation>
            <numerusform>未找到 %n 幅图像（例如 %1）- 请选择它们现在所在的文件夹</numerusform>
        </translation>
    </message>
    <message>
        <source>Images not found</source>
        <translation>未找到图像</translation>
    </message>
    <message>
        <source>None of the missing images is in %1.</source>
        <translation>%1 中没有任何缺失的图像。</translation>
    </message>
    <message>
        <source>Missing images: %1</source>
        <translation>缺失的图像：%1</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>DefectScope found work from an untitled project that was never saved. Recover it?</source>
        <translation>DefectScope 发现了一个从未保存过的未命名项目的工作。是否恢复？</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Add micrographs</source>
        <translation>添加显微图像</translation>
    </message>
    <message>
        <source>Import point annotations (x,y,kind)</source>
        <translation>导入点标注 (x,y,kind)</translation>
    </message>
    <message>
        <source>Cannot import points</source>
        <translation>无法导入点</translation>
    </message>
    <message>
        <source>Import labels (x,y,width,height,label)</source>
        <translation>导入标注 (x,y,width,height,label)</translation>
    </message>
    <message>
        <source>Cannot import labels</source>
        <translation>无法导入标注</translation>
    </message>
    <message>
        <source>Export labels</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Cannot export labels</source>
        <translation>无法导出标注</translation>
    </message>
    <message>
        <source>%1: the file no longer exists</source>
        <translation>%1：文件已不存在</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportActions</name>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write the annotated image, per-patch table and summary of the current image</source>
        <translation>写出当前图像的带注释图像、逐图像块表格和摘要</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Nothing to report: %1.</source>
        <translation>没有可报告的内容：%1。</translation>
    </message>
    <message>
        <source>Export &amp;Training Set…</source>
        <translation>导出训练集(&amp;T)…</translation>
    </message>
    <message>
        <source>Write the hand-labelled patches as numpy stacks for training models (as export-patches does)</source>
        <translation>将手工标注的图像块写成 numpy 数组堆栈，用于训练模型（与 export-patches 相同）</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportDialog</name>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>正在渲染预览…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Annotated image (annotated.png)</source>
        <translation>带注释的图像 (annotated.png)</translation>
    </message>
    <message>
        <source>Per-patch table (patches.csv)</source>
        <translation>逐图像块表格 (patches.csv)</translation>
    </message>
    <message>
        <source>Summary (summary.json)</source>
        <translation>摘要 (summary.json)</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>The report cannot be built: %1</source>
        <translation>无法生成报告：%1</translation>
    </message>
    <message>
        <source>n/a (needs defect and perfect labels)</source>
        <translation>不适用（需要缺陷和完好标注）</translation>
    </message>
    <message>
        <source>%1 - detector %2 - %3 patches, %4 above the threshold %5 - AUROC %6</source>
        <translation>%1 - 检测器 %2 - %3 个图像块，%4 个高于阈值 %5 - AUROC %6</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>正在将报告写入 %1…</translation>
    </message>
    <message>
        <source>Report written to %1 (%2).</source>
        <translation>报告已写入 %1（%2）。</translation>
    </message>
    <message>
        <source>Could not write the report to %1: %2</source>
        <translation>无法将报告写入 %1：%2</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>报告文件夹</translation>
    </message>
</context>
<context>
    <name>ds::ui::ReportExport</name>
    <message>
        <source>no image is selected</source>
        <translation>未选择图像</translation>
    </message>
    <message>
        <source>the image is not loaded yet</source>
        <translation>图像尚未加载</translation>
    </message>
    <message>
        <source>the image has no detector scores</source>
        <translation>图像没有检测器分数</translation>
    </message>
    <message>
        <source>the scores do not match the patch grid (run the detector again)</source>
        <translation>分数与图像块网格不匹配（请重新运行检测器）</translation>
    </message>
</context>
<context>
    <name>ds::ui::RocPanel</name>
    <message>
        <source>False-positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>chance</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Precision-recall</source>
        <translation>精确率-召回率</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: needs held-out defect and perfect labels (%2 defect, %3 perfect)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：需要留出的缺陷和完好标注（%2 个缺陷，%3 个完好）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: AUROC %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：AUROC %2</translation>
    </message>
    <message>
        <source> [95%: %1-%2]</source>
        <translation> [95%：%1-%2]</translation>
    </message>
    <message>
        <source>, AP %1, on %2 defect / %3 perfect held-out patches</source>
        <translation>，AP %1，基于 %2 个缺陷 / %3 个完好的留出图像块</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;at threshold %1: TPR %2, FPR %3, precision %4</source>
        <translation>&amp;nbsp;&amp;nbsp;阈值为 %1 时：TPR %2，FPR %3，精确率 %4</translation>
    </message>
    <message>
        <source>Run a detector and label a few defect and perfect patches: the ROC is computed on labels the detector did not train on.</source>
        <translation>运行检测器并标注一些缺陷和完好的图像块：ROC 基于检测器训练时未使用的标注计算。</translation>
    </message>
    <message>
        <source>Held-out image</source>
        <translation>留出图像</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Train the shown detector on the hand labels of the project&apos;s other images and score this image, which it never saw (leave-one-image-out)</source>
        <translation>用项目中其他图像的手工标注训练当前显示的检测器，并为它从未见过的本图像评分（留一图像法）</translation>
    </message>
    <message>
        <source>Held-out image: run a detector on this image first.</source>
        <translation>留出图像：请先在本图像上运行检测器。</translation>
    </message>
    <message>
        <source>Held-out image: label defect and perfect patches on this image first.</source>
        <translation>留出图像：请先在本图像上标注缺陷和完好图像块。</translation>
    </message>
    <message>
        <source>Held-out image: needs hand labels on another image of the project to train on.</source>
        <translation>留出图像：需要项目中另一幅图像上的手工标注用于训练。</translation>
    </message>
    <message>
        <source>Held-out image: %1</source>
        <translation>留出图像：%1</translation>
    </message>
    <message>
        <source>Held-out image: cancelled.</source>
        <translation>留出图像：已取消。</translation>
    </message>
    <message>
        <source>held out image</source>
        <translation>留出图像</translation>
    </message>
    <message>
        <source>out-of-fold within this image</source>
        <translation>本图像内的折外分数</translation>
    </message>
    <message>
        <source>self: fitted on this image without labels</source>
        <translation>自拟合：不使用标注在本图像上拟合</translation>
    </message>
    <message>
        <source>&lt;b&gt;held out image&lt;/b&gt; (%1): AUROC %2</source>
        <translation>&lt;b&gt;留出图像&lt;/b&gt;（%1）：AUROC %2</translation>
    </message>
    <message>
        <source>, on %1 defect / %2 perfect labelled patches - &lt;i&gt;trained on the hand labels of the other images only (%3 defect / %4 perfect patches)&lt;/i&gt;</source>
        <translation>，基于 %1 个缺陷 / %2 个完好已标注图像块——&lt;i&gt;仅用其他图像的手工标注训练（%3 个缺陷 / %4 个完好图像块）&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;pooled&lt;/b&gt; over %n labelled image(s): AUROC %1 [95%: %2-%3] - &lt;i&gt;every image scored by the model that did not see it, ranked together&lt;/i&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;合并&lt;/b&gt; %n 幅已标注图像：AUROC %1 [95%：%2-%3]——&lt;i&gt;每幅图像由未见过它的模型评分，统一排序&lt;/i&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Held-out image: this image needs both defect and perfect labels (%1 defect, %2 perfect)</source>
        <translation>留出图像：本图像需要同时有缺陷和完好标注（%1 个缺陷，%2 个完好）</translation>
    </message>
    <message>
        <source>Held-out image: training on the other images…</source>
        <translation>留出图像：正在用其他图像训练…</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScaleBar</name>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>%1 pm</source>
        <translation>%1 pm</translation>
    </message>
    <message>
        <source>%1 µm</source>
        <translation>%1 µm</translation>
    </message>
    <message>
        <source>%1 nm</source>
        <translation>%1 nm</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScoreHistogram</name>
    <message>
        <source>Scores of perfect, defect and unlabelled patches (each curve scaled to its own peak). Click to set the threshold.</source>
        <translation>完好、缺陷和未标注图像块的分数（每条曲线按各自的峰值缩放）。单击以设置阈值。</translation>
    </message>
    <message>
        <source>no scores yet</source>
        <translation>尚无分数</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>perfect</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>缺陷</translation>
    </message>
</context>
<context>
    <name>ds::ui::Session</name>
    <message>
        <source>Grid not changed: %1</source>
        <translation>网格未更改：%1</translation>
    </message>
    <message>
        <source>%1 is now %2 x %3 pixels, the project expected %4 x %5; labels were kept where their patches still fit</source>
        <translation>%1 现在为 %2 x %3 像素，而项目预期为 %4 x %5；仍能容纳其图像块的标注已保留</translation>
    </message>
    <message>
        <source>No image with a known size is selected.</source>
        <translation>未选择尺寸已知的图像。</translation>
    </message>
    <message>
        <source>Import labels from %1</source>
        <translation>从 %1 导入标注</translation>
    </message>
    <message>
        <source>%1: cannot be read</source>
        <translation>%1：无法读取</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were not added:</source>
        <translation>
            <numerusform>%n 个文件无法读取，未添加：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the run of %2 was made on another patch grid and is dropped</source>
        <translation>%1：%2 的运行基于另一个图像块网格，已丢弃</translation>
    </message>
</context>
<context>
    <name>ds::ui::StatusInfo</name>
    <message>
        <source>Defect %1 · Perfect %2 · Unlabelled %3</source>
        <translation>缺陷 %1 · 完好 %2 · 未标注 %3</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>缩放 %1 %</translation>
    </message>
    <message>
        <source>x %1  y %2  value %3</source>
        <translation>x %1  y %2  值 %3</translation>
    </message>
    <message>
        <source>  (%1 nm, %2 nm)</source>
        <translation>  (%1 nm, %2 nm)</translation>
    </message>
    <message>
        <source>no pixel size</source>
        <translation>无像素尺寸</translation>
    </message>
    <message>
        <source>The file states no length calibration: set the pixel size in Image properties (double-click the image in the list).</source>
        <translation>文件中没有长度标定：请在图像属性中设置像素尺寸（在列表中双击图像）。</translation>
    </message>
    <message>
        <source>%1 nm/px</source>
        <translation>%1 nm/像素</translation>
    </message>
    <message>
        <source>%1 × %2 nm/px</source>
        <translation>%1 × %2 nm/像素</translation>
    </message>
    <message>
        <source>Pixel size set in Image properties</source>
        <translation>像素尺寸在图像属性中设置</translation>
    </message>
    <message>
        <source>Pixel size from the file</source>
        <translation>像素尺寸来自文件</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainingSetDialog</name>
    <message>
        <source>Export Training Set</source>
        <translation>导出训练集</translation>
    </message>
    <message>
        <source>Current image (%1)</source>
        <translation>当前图像（%1）</translation>
    </message>
    <message numerus="yes">
        <source>All images with hand labels (%n image(s))</source>
        <translation>
            <numerusform>所有带手工标注的图像（%n 幅）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Unlabelled patches too (unlabelled_patches.npy, for semi-supervised work)</source>
        <translation>同时导出未标注图像块（unlabelled_patches.npy，用于半监督学习）</translation>
    </message>
    <message>
        <source>Augment by the lattice&apos;s symmetry (rotations by 60°, mirrors)</source>
        <translation>按晶格对称性扩增（旋转 60°、镜像）</translation>
    </message>
    <message>
        <source>Also one HDF5 file (dataset.h5)</source>
        <translation>另写一个 HDF5 文件（dataset.h5）</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Writes defect_patches.npy and perfect_patches.npy (float32 N x 48 x 48, normalised as the detectors see them), patches.csv and dataset.json - the same files as &lt;tt&gt;defectscope-cli export-patches&lt;/tt&gt;.</source>
        <translation>写出 defect_patches.npy 和 perfect_patches.npy（float32 N x 48 x 48，按检测器所见方式归一化）、patches.csv 和 dataset.json——与 &lt;tt&gt;defectscope-cli export-patches&lt;/tt&gt; 写出的文件相同。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>取消导出(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n image(s) to %1…</source>
        <translation>
            <numerusform>正在将 %n 幅图像导出到 %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The export to %1 ended without a result.</source>
        <translation>导出到 %1 未产生结果便结束了。</translation>
    </message>
    <message numerus="yes">
        <source>Training set written to %1: %2 defect and %3 perfect patches from %n image(s).</source>
        <translation>
            <numerusform>训练集已写入 %1：来自 %n 幅图像的 %2 个缺陷图像块和 %3 个完好图像块。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unlabelled patches.</source>
        <translation>%1 个未标注图像块。</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation>导出已取消：未向 %1 写入任何内容。</translation>
    </message>
    <message>
        <source>Could not export the training set to %1: %2</source>
        <translation>无法将训练集导出到 %1：%2</translation>
    </message>
    <message>
        <source>Training set folder</source>
        <translation>训练集文件夹</translation>
    </message>
</context>
<context>
    <name>ds::ui::ViewActions</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>实际像素 (1:1)(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;grid</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <source>Show &amp;labels</source>
        <translation>显示标注(&amp;L)</translation>
    </message>
    <message>
        <source>Show &amp;heat map</source>
        <translation>显示热图(&amp;H)</translation>
    </message>
    <message>
        <source>Colour patches by detector score</source>
        <translation>按检测器分数为图像块着色</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Find defects in atomic-resolution electron micrographs.</source>
        <translation>在原子分辨率电子显微图像中查找缺陷。</translation>
    </message>
    <message>
        <source>Open the synthetic graphene demo micrograph.</source>
        <translation>打开合成石墨烯演示图像。</translation>
    </message>
    <message>
        <source>Open a project or micrograph file.</source>
        <translation>打开项目或显微图像文件。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>OUT.png</source>
        <translation>输出.png</translation>
    </message>
    <message>
        <source>Run detector ID on the opened image (with --screenshot: before the picture is taken).</source>
        <translation>在打开的图像上运行检测器 ID（与 --screenshot 一起使用时：在截图之前运行）。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Files to open.</source>
        <translation>要打开的文件。</translation>
    </message>
    <message>
        <source>Render the window (1600x1000, or --size) once everything has loaded, save it as a PNG and exit.</source>
        <translation>全部加载后渲染窗口（1600x1000 或 --size），保存为 PNG 并退出。</translation>
    </message>
    <message>
        <source>Window size for --screenshot (default 1600x1000).</source>
        <translation>--screenshot 的窗口大小（默认 1600x1000）。</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <source>With --run: train the detector on the hand labels (out-of-fold scores for the labelled patches) instead of scoring.</source>
        <translation>与 --run 一起使用：用手动标注训练检测器（已标注图像块使用折外分数），而不是仅评分。</translation>
    </message>
    <message>
        <source>Once everything has loaded and every run finished, save the project to this file and exit (no window is shown).</source>
        <translation>在全部加载且所有运行结束后，将项目保存到此文件并退出（不显示窗口）。</translation>
    </message>
    <message>
        <source>P.dsproj</source>
        <translation>P.dsproj</translation>
    </message>
</context>
</TS>
